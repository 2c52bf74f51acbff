import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { DEFAULT_POLICIES_DIR } from "../serve/default-policies.js";
import { BAD_NAME_REGO, constraint, expansionTemplate, pod, template } from "../webhook/test-fixtures.js";
import { parseConfig } from "./config-resource.js";
import { namespaceLookup } from "./namespace-lookup.js";
import { problemText } from "./policy-problem.js";
import { PolicyStore } from "./policy-store.js";

const dirs: string[] = [];
function policyDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "portcullis-policies-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("policies directory", () => {
  it("loads templates, constraints and Config, reporting bad files by name and line", async () => {
    const dir = policyDir({
      "a-template.yaml": stringify(template("BadName", BAD_NAME_REGO)),
      "b-constraint.yaml": stringify(constraint("BadName", "bad-name")),
      "c-broken.yaml": "kind: [unclosed\n",
      "d-bad-rego.yaml": stringify(template("Broken", 'package broken\nviolation[{"msg": m}] { m := }')),
      "e-unknown-kind.yaml": stringify(constraint("Nope", "orphan")),
      "f-config.yaml": stringify({
        apiVersion: "config.gatekeeper.sh/v1alpha1",
        kind: "Config",
        metadata: { name: "config" },
        spec: { match: [{ excludedNamespaces: ["kube-*"], processes: ["webhook"] }] },
      }),
    });
    const set = await new PolicyStore(dir).load();
    expect(set.client.templates().map((t) => t.template.kind)).toEqual(["BadName"]);
    expect(set.client.constraints().map((c) => c.name)).toEqual(["bad-name"]);
    const files = set.problems.map((p) => p.file.split("/").pop());
    expect(files).toEqual(["c-broken.yaml", "d-bad-rego.yaml", "e-unknown-kind.yaml"]);
    expect(set.problems[0]?.line).toBe(2);
    expect(set.config.excluder.excludedNamespaces("webhook")).toEqual(["kube-*"]);
    expect(set.stats.templates).toEqual({ active: 1, error: 1 });
    expect(set.client.review(pod("bad")).results.map((r) => r.msg)).toEqual(["name bad is bad"]);
  });

  it("refuses a template that calls a disabled builtin, naming the call's place in its Rego", async () => {
    const calling = template(
      "CallsOut",
      'package callsout\nviolation[{"msg": r.body}] {\n  r := http.send({"method": "get", "url": "http://x"})\n}',
    );
    const dir = policyDir({ "a-template.yaml": stringify(calling) });
    const off = await new PolicyStore(dir, { disabledBuiltins: ["http.send"] }).load();
    expect(off.client.templates()).toEqual([]);
    expect(off.problems.map((p) => p.code)).toEqual(["rego_type_error"]);
    expect(off.problems[0]?.message).toContain(
      "callsout/template.rego:3:8: rego_type_error: undefined function http.send",
    );
    expect(off.stats.templates).toEqual({ active: 0, error: 1 });
    const on = await new PolicyStore(dir).load();
    expect(on.client.templates().map((t) => t.template.kind)).toEqual(["CallsOut"]);
  });

  it("places a template's Rego error on its YAML file's line and column", async () => {
    const dir = policyDir({
      "broken.yaml": [
        "apiVersion: templates.gatekeeper.sh/v1",
        "kind: ConstraintTemplate",
        "metadata:",
        "  name: broken",
        "spec:",
        "  crd:",
        "    spec:",
        "      names:",
        "        kind: Broken",
        "  targets:",
        "    - target: admission.k8s.gatekeeper.sh",
        "      rego: |",
        "        package broken",
        '        violation[{"msg": m}] { m := }',
        "",
      ].join("\n"),
    });
    const set = await new PolicyStore(dir).load();
    const problem = set.problems[0];
    expect(problem?.code).toBe("rego_parse_error");
    expect(problem?.message).toContain("broken/template.rego:2:");
    // Line 2 of the Rego is line 14 of the file, indented by 8.
    expect(problem?.line).toBe(14);
    expect(problemText(problem ?? { file: "", code: "", message: "" })).toMatch(
      /broken\.yaml:14:\d+: invalid/,
    );
  });

  it("refuses a template that reads data.inventory when referential rules are off", async () => {
    const referential = template(
      "UniqueName",
      'package uniquename\nviolation[{"msg": "taken"}] {\n  data.inventory.namespace[_][_].Pod[input.review.object.metadata.name]\n}',
    );
    const dir = policyDir({ "a-template.yaml": stringify(referential) });
    expect((await new PolicyStore(dir).load()).problems).toEqual([]);
    const off = await new PolicyStore(dir, { referentialRules: false }).load();
    expect(off.problems.map((p) => p.code)).toEqual(["rego_data_ref"]);
    expect(off.problems[0]?.message).toContain("disallowed data reference data.inventory.namespace");
    expect(off.problems[0]?.message).toContain(
      "templates may only reference data.lib (referential rules are disabled)",
    );
    expect(off.problems[0]?.line).toBe(15);
  });

  it("loads Providers and offers external_data only with externalData, reporting bad Providers", async () => {
    const calling = template(
      "ImageCheck",
      'package imagecheck\nviolation[{"msg": "x"}] {\n  external_data({"provider": "p", "keys": ["a"]}).status_code != 200\n}',
    );
    const providerDoc = (name: string, url: string) => ({
      apiVersion: "externaldata.gatekeeper.sh/v1beta1",
      kind: "Provider",
      metadata: { name },
      spec: { url, timeout: 1, caBundle: "" },
    });
    const dir = policyDir({
      "a-template.yaml": stringify(calling),
      "b-provider.yaml": stringify(providerDoc("plain-http", "http://provider.example")),
    });
    const on = await new PolicyStore(dir, { externalData: true }).load();
    expect(on.problems.map((p) => p.code)).toEqual(["provider_invalid"]);
    expect(on.problems[0]?.message).toMatch(
      /b-provider\.yaml: only HTTPS scheme is supported for Providers$/,
    );
    expect(on.providers.size).toBe(0);
    expect(on.callsExternalData).toBe(true);
    const plain = await new PolicyStore(
      policyDir({ "a.yaml": stringify(template("BadName", BAD_NAME_REGO)) }),
      {
        externalData: true,
      },
    ).load();
    expect(plain.callsExternalData).toBe(false);
    const off = await new PolicyStore(dir).load();
    expect(off.problems.map((p) => p.code)).toEqual(["rego_type_error"]);
    expect(off.problems[0]?.message).toContain("undefined function external_data");
  });

  it("accepts an unknown enforcementAction only with skipEnforcementActionValidation", async () => {
    const dir = policyDir({
      "a-template.yaml": stringify(template("BadName", BAD_NAME_REGO)),
      "b-constraint.yaml": stringify(constraint("BadName", "blocks", { enforcementAction: "block" })),
    });
    const strict = await new PolicyStore(dir).load();
    expect(strict.problems.map((p) => p.code)).toEqual(["constraint_enforcement_action"]);
    const lax = await new PolicyStore(dir, { skipEnforcementActionValidation: true }).load();
    expect(lax.problems).toEqual([]);
    expect(lax.client.constraints().map((c) => c.name)).toEqual(["blocks"]);
    expect(lax.client.checkConstraint(constraint("BadName", "other", { enforcementAction: "x" })).name).toBe(
      "other",
    );
  });

  it("loads ExpansionTemplates, and reports one Gatekeeper would refuse", async () => {
    const dir = policyDir({
      "a-template.yaml": stringify(
        template(
          "PodSeen",
          'package podseen\nviolation[{"msg": sprintf("saw %v", [input.review.object.metadata.name])}] {\n  input.review.object.kind == "Pod"\n}',
        ),
      ),
      "b-constraint.yaml": stringify(constraint("PodSeen", "pod-seen")),
      "c-expansion.yaml": stringify(expansionTemplate()),
      "d-no-source.yaml": stringify(expansionTemplate({ templateSource: "" }, "no-source")),
    });
    const set = await new PolicyStore(dir).load();
    expect(set.client.expansionTemplates().map((t) => t.name)).toEqual(["expand-deployments"]);
    expect(set.problems.map((p) => [p.file.split("/").pop(), p.code])).toEqual([
      ["d-no-source.yaml", "expansion_template_invalid"],
    ]);
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default" },
      spec: { template: { spec: { containers: [] } } },
    };
    expect(set.client.review(deployment).results.map((r) => r.msg)).toEqual([
      "[Implied by expand-deployments] saw web-pod",
    ]);
    expect(set.stats.expansions).toEqual({ active: 1, error: 1 });
    const off = await new PolicyStore(dir, { expansion: false }).load();
    expect(off.client.expansionTemplates()).toEqual([]);
    expect(off.problems).toEqual([]);
    expect(off.client.review(deployment).results).toEqual([]);
  });

  it("loads the starter policies without problems", async () => {
    const set = await new PolicyStore(DEFAULT_POLICIES_DIR).load();
    expect(set.problems).toEqual([]);
    expect(
      set.client
        .constraints()
        .map((c) => c.enforcement.action)
        .sort(),
    ).toEqual(["deny", "deny", "deny", "dryrun", "warn"]);
  });

  it("reloads on change", async () => {
    const dir = policyDir({ "t.yaml": stringify(template("BadName", BAD_NAME_REGO)) });
    const loads: number[] = [];
    const store = new PolicyStore(dir, {
      debounceMs: 20,
      onLoad: (s) => loads.push(s.client.constraints().length),
    });
    await store.load();
    store.watch();
    try {
      writeFileSync(join(dir, "c.yaml"), stringify(constraint("BadName", "bad-name")));
      for (let i = 0; i < 100 && store.current?.client.constraints().length !== 1; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(store.current?.client.constraints().length).toBe(1);
    } finally {
      store.close();
    }
  });

  it("reads Config exclusions with process * and reports unknown processes", () => {
    const { config, problems } = parseConfig({
      spec: { match: [{ excludedNamespaces: ["a", "b-*"], processes: ["*", "nope"] }] },
    });
    expect(config.excluder.excludedNamespaces("audit")).toEqual(["a", "b-*"]);
    expect(
      config.excluder.isExcluded("webhook", { group: "", kind: "Pod", name: "x", namespace: "b-1" }),
    ).toBe(true);
    expect(problems).toEqual(['spec.match[0]: unknown process "nope"']);
  });

  it("reads the Config's validation traces and reports malformed ones", () => {
    const { config, problems } = parseConfig({
      spec: {
        validation: {
          traces: [{ user: "alice", kind: { group: "", version: "v1", kind: "Pod" }, dump: "All" }, "nope"],
        },
      },
    });
    expect(config.traces).toEqual([
      { user: "alice", kind: { group: "", version: "v1", kind: "Pod" }, dump: "All" },
    ]);
    expect(problems).toEqual(["spec.validation.traces[1] must be an object"]);
    expect(parseConfig({ spec: { validation: { traces: {} } } }).problems).toEqual([
      "spec.validation.traces must be a list",
    ]);
  });

  it("finds given Namespaces and synthesizes others with the name label", () => {
    const lookup = namespaceLookup(
      new Map([["a", { kind: "Namespace", metadata: { name: "a", labels: { x: "1" } } }]]),
    );
    expect(lookup("a")).toMatchObject({ metadata: { labels: { x: "1" } } });
    expect(lookup("b")).toEqual({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "b", labels: { "kubernetes.io/metadata.name": "b" } },
    });
  });
});
