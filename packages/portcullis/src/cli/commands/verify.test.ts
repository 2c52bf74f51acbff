import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { constraintYaml, LIBRARY, templateYaml } from "../../gator/test-fixtures.js";
import { cli, tempTree } from "../test-support.js";

const DUR = "[0-9.]+(?:ns|µs|ms|s)";

function lines(text: string, re: RegExp): string[] {
  return text.split("\n").filter((l) => re.test(l));
}

describe.skipIf(!existsSync(LIBRARY))("portcullis verify: the gatekeeper-library", () => {
  const path = `${relative(process.cwd(), LIBRARY)}/...`;

  it.each(["auto", "rego"])(
    "passes all 49 suites, 75 tests, 270 cases with --engine %s",
    { timeout: 120_000 },
    async (engine) => {
      const r = await cli(process.cwd(), "verify", path, "-v", "--engine", engine);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(lines(r.stdout, new RegExp(`^ok\\t.*/suite\\.yaml\\t${DUR}$`))).toHaveLength(49);
      expect(lines(r.stdout, /^--- PASS: /)).toHaveLength(75);
      expect(lines(r.stdout, /^ {4}--- PASS: /)).toHaveLength(270);
      expect(lines(r.stdout, /FAIL/)).toEqual([]);
      expect(r.stdout.endsWith("PASS\n\n")).toBe(true);
    },
  );

  it("with --engine cel passes every test whose template has CEL and skips the rest, saying so", {
    timeout: 120_000,
  }, async () => {
    const r = await cli(process.cwd(), "verify", path, "-v", "--engine", "cel");
    expect(r.code).toBe(0);
    expect(lines(r.stdout, /^ok\t/)).toHaveLength(49);
    expect(lines(r.stdout, /^--- PASS: /)).toHaveLength(30);
    expect(lines(r.stdout, /^=== SKIP /)).toHaveLength(45);
    expect(lines(r.stdout, /FAIL/)).toEqual([]);
    expect(lines(r.stderr, /has no CEL code; skipped with --engine cel$/)).toHaveLength(45);
  });
});

const SUITE = `apiVersion: test.gatekeeper.sh/v1alpha1
kind: Suite
metadata:
  name: owner
tests:
  - name: owner-required
    template: template.yaml
    constraint: constraint.yaml
    cases:
      - name: pod-without-owner
        object: pod.yaml
        assertions:
          - violations: yes
            message: "has no owner"
      - name: wrong-expectation
        object: pod.yaml
        assertions:
          - violations: no
`;

const tree = tempTree({
  "suites/owner/suite.yaml": SUITE,
  "suites/owner/template.yaml": templateYaml({}),
  "suites/owner/constraint.yaml": constraintYaml("need-owner"),
  "suites/owner/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: prod\n",
  "suites/owner/not-a-suite.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
  "broken/suite.yaml": "apiVersion: test.gatekeeper.sh/v1alpha1\nkind: Suite\ntests: [\n",
  "empty/readme.yaml": "a: 1\n",
  "bad-rego/suite.yaml":
    "apiVersion: test.gatekeeper.sh/v1alpha1\nkind: Suite\ntests:\n- name: t\n  template: template.yaml\n  constraint: constraint.yaml\n  cases: []\n",
  "bad-rego/template.yaml": [
    "apiVersion: templates.gatekeeper.sh/v1",
    "kind: ConstraintTemplate",
    "metadata:",
    "  name: k8sbad",
    "spec:",
    "  crd:",
    "    spec:",
    "      names:",
    "        kind: K8sBad",
    "  targets:",
    "    - target: admission.k8s.gatekeeper.sh",
    "      rego: |",
    "        package k8sbad",
    '        violation[{"msg": msg}] {',
    "          msg := undefined_fn(1)",
    "        }",
    "",
  ].join("\n"),
  "bad-rego/constraint.yaml":
    "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sBad\nmetadata:\n  name: bad\n",
});

describe("portcullis verify", () => {
  it("reports failures like gator (FAIL lines with the error) and exits 1", async () => {
    const r = await cli(tree, "verify", "suites/...");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^ {4}--- FAIL: wrong-expectation\\t\\(${DUR}\\)\\n {8}unexpected number of violations: got 1 violations but want none[^\\n]*\\n` +
          `--- FAIL: owner-required\\t\\(${DUR}\\)\\nFAIL\\tsuites/owner/suite\\.yaml\\t${DUR}\\nFAIL\\n\\n$`,
      ),
    );
  });

  it("prints a failed case's trace with --trace, and every case's with -v", async () => {
    const r = await cli(tree, "verify", "suites/...", "--trace");
    expect(r.code).toBe(1);
    const [before, failure] = r.stdout.split("    --- FAIL: wrong-expectation");
    expect(before).toMatch(/^ {8}=== TRACE ===\n {8}Trace of \S+ \S+:\n/m);
    expect(before).not.toContain("pod-without-owner");
    expect(failure).toContain("unexpected number of violations");
    const verbose = await cli(
      tree,
      "verify",
      "suites/owner/suite.yaml",
      "--run",
      "//pod-without",
      "-v",
      "-t",
    );
    expect(verbose.stdout).toMatch(/=== RUN {3}pod-without-owner\n {8}=== TRACE ===\n {8}Trace of /);
  });

  it("places a template's Rego error on its YAML file's line and column", async () => {
    const r = await cli(tree, "verify", "bad-rego");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `invalid ConstraintTemplate "k8sbad" (${join(tree, "bad-rego/template.yaml")}:15:18): k8sbad/template.rego:3:10: rego_type_error: undefined function undefined_fn`,
    );
  });

  it("filters with --run and prints every test and case with -v", async () => {
    const r = await cli(tree, "verify", "suites/owner/suite.yaml", "--run", "//pod-without", "-v");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        "^=== RUN   owner-required\\n {4}=== RUN   pod-without-owner\\n" +
          `    --- PASS: pod-without-owner\\t\\(${DUR}\\)\\n    === SKIP  wrong-expectation\\n` +
          `--- PASS: owner-required\\t\\(${DUR}\\)\\nok\\tsuites/owner/suite\\.yaml\\t${DUR}\\nPASS\\n\\n$`,
      ),
    );
  });

  it.each([
    [["broken/suite.yaml"], /^error: broken\/suite\.yaml:\d+:\d+: /],
    [["missing/..."], /^error: missing\/: no such file or directory\n$/],
    [["suites/owner/suite.yaml/..."], /^error: can only recursively traverse directories/],
    [["empty"], /^error: no Suite files found in empty\n$/],
    [["suites/...", "--run", "("], /^error: --run: /],
  ])("%j gives a clear error and a non-zero exit", async (args, message) => {
    const r = await cli(tree, "verify", ...args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
