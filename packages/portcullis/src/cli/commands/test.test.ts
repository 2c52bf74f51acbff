import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SEED, seedFileFlags, templateYaml } from "../../gator/test-fixtures.js";
import { bufferIo } from "../io.js";
import { cli, tempTree } from "../test-support.js";
import { runTest, type StdinSource, type TestOptions } from "./test.js";

const README_MESSAGE = "Policy app-policy-demo.default spec.peers must include [{mtls: {}, mode: STRICT}]";

function stdinOf(text: string | undefined): StdinSource {
  return { readStdin: () => Promise.resolve(text ?? ""), stdinPiped: text !== undefined };
}

async function run(cwd: string, options: Partial<TestOptions>, stdin?: string) {
  const io = bufferIo(cwd);
  const code = await runTest({ filename: [], engine: "auto", ...options }, io, stdinOf(stdin));
  return { code, stdout: io.out(), stderr: io.err() };
}

describe("portcullis test: the seed scenario", () => {
  it("prints the README's message for bad-app-policy.yaml and exits 1", async () => {
    const r = await cli(SEED, "test", ...seedFileFlags("bad-app-policy.yaml"));
    expect(r.stdout).toBe(
      `authentication.istio.io/v1alpha1/Policy default/app-policy-demo:\n[policy-strict-constraint] ${README_MESSAGE}\n`,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
  });

  it("admits good-app-policy.yaml: no output, exit 0", async () => {
    const r = await cli(SEED, "test", ...seedFileFlags("good-app-policy.yaml"));
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("adds the template's stats to JSON with --stats", async () => {
    const r = await cli(SEED, "test", ...seedFileFlags("bad-app-policy.yaml"), "--stats", "-o", "json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      results: [{ msg: README_MESSAGE }],
      stats: [{ scope: "template", statsFor: "PolicyStrictOnly" }],
    });
  });

  it("prints each reviewed object's trace after its results with --trace, and each result's in JSON", async () => {
    const r = await cli(SEED, "test", ...seedFileFlags("bad-app-policy.yaml"), "--trace");
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "authentication.istio.io/v1alpha1/Policy default/app-policy-demo:",
      `[policy-strict-constraint] ${README_MESSAGE}`,
      "Trace (bad-app-policy.yaml:2):",
      "Trace of PolicyStrictOnly policy-strict-constraint:",
    ]);
    expect(
      lines.some((l) =>
        /^policystrictonly\/template\.rego:25 +\| \| Eval peermethod\[km\] != "STRICT"$/.test(l),
      ),
    ).toBe(true);
    const json = await cli(SEED, "test", ...seedFileFlags("bad-app-policy.yaml"), "-t", "-o", "json");
    const [result] = JSON.parse(json.stdout) as { trace: string }[];
    expect(result?.trace).toMatch(/^Trace of PolicyStrictOnly policy-strict-constraint:\n/);
  });

  it("prints the trace of an object without violations with --trace", async () => {
    const r = await cli(SEED, "test", ...seedFileFlags("good-app-policy.yaml"), "--trace");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 3)).toEqual([
      "authentication.istio.io/v1alpha1/Policy default/app-policy-demo: no violations",
      "Trace (good-app-policy.yaml:2):",
      "Trace of PolicyStrictOnly policy-strict-constraint:",
    ]);
  });

  it("reads stdin with -f - and writes JSON", async () => {
    const policies = readFileSync(join(SEED, "bad-app-policy.yaml"), "utf8");
    const r = await run(
      SEED,
      { filename: ["template.yaml", "constraint.yaml", "-"], output: "json" },
      policies,
    );
    expect(r.code).toBe(1);
    const parsed: unknown = JSON.parse(r.stdout);
    expect(parsed).toMatchObject([{ msg: README_MESSAGE, enforcementAction: "deny" }]);
  });

  it("reads piped stdin when no -f is given", async () => {
    const all = ["template.yaml", "constraint.yaml", "bad-app-policy.yaml"]
      .map((f) => readFileSync(join(SEED, f), "utf8"))
      .join("\n---\n");
    const r = await run(SEED, { output: "yaml" }, all);
    expect(r.code).toBe(1);
    const parsed: unknown = parse(r.stdout);
    expect(parsed).toMatchObject([{ result: { msg: README_MESSAGE } }]);
  });

  it("reads a whole directory", async () => {
    const r = await cli(SEED, "test", "-f", ".");
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n").filter((l) => l.startsWith("["))).toEqual([
      `[policy-strict-constraint] ${README_MESSAGE}`,
    ]);
  });
});

describe("portcullis test: bad input", () => {
  const dir = tempTree({
    "t.yaml": templateYaml({ rego: 'package x\nviolation[{"msg": m}] {\n  m := \n}' }),
    "broken.yaml": "kind: Pod\nmetadata: {name: [1, 2}\n",
    "c.yaml": "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: Unknown\nmetadata:\n  name: c\n",
    "notes.txt": "",
  });

  it.each([
    [["-f", "missing.yaml"], /^error: missing\.yaml: no such file or directory\n$/],
    [["-f", "notes.txt"], /^error: notes\.txt: path must be of extensions/],
    [["-f", "broken.yaml"], /^error: broken\.yaml:2:\d+: /],
    [
      ["-f", "t.yaml"],
      /^error: t\.yaml:\d+:\d+: invalid ConstraintTemplate "k8srequiredowner": .*rego_parse_error/,
    ],
    [["-f", "c.yaml"], /^error: c\.yaml:1: .*"Unknown" is not recognized/],
    [["-f", "t.yaml", "-o", "xml"], /^error: unknown output format "xml"/],
  ])("%j gives a clear error and exit 1", async (args, message) => {
    const r = await cli(dir, "test", ...args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });

  it("says when there is no input", async () => {
    const r = await run(dir, {});
    expect(r).toEqual({ code: 1, stdout: "", stderr: "error: no input data identified\n" });
  });
});
