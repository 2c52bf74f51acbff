import { describe, expect, it } from "vitest";
import { parseSuite } from "./suite.js";
import { checkAssertion } from "./suite-assertion.js";
import { newSuiteFilter } from "./suite-filter.js";
import { runSuite, suitePassed } from "./suite-runner.js";

const files: Record<string, string> = {
  "/s/template.yaml": `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata: {name: k8sname}
spec:
  crd:
    spec:
      names: {kind: K8sName}
      validation:
        openAPIV3Schema:
          type: object
          properties:
            bad: {type: string}
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        package k8sname
        violation[{"msg": msg}] {
          input.review.object.metadata.name == input.parameters.bad
          msg := sprintf("name %v is bad (%v)", [input.parameters.bad, input.review.operation])
        }
`,
  "/s/constraint.yaml":
    "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sName\nmetadata: {name: c}\nspec: {parameters: {bad: evil}}\n",
  "/s/invalid.yaml":
    "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sName\nmetadata: {name: c}\nspec: {parameters: {bad: 3}}\n",
  "/s/evil.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: evil, namespace: d}\n",
  "/s/good.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: good, namespace: d}\n",
  "/s/two.yaml":
    "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n",
  "/s/review.yaml": `apiVersion: admission.k8s.io/v1
kind: AdmissionReview
request:
  operation: DELETE
  oldObject: {apiVersion: v1, kind: Pod, metadata: {name: evil}}
`,
};

const reader = {
  read(p: string): string {
    const t = files[p];
    if (t === undefined) throw new Error("no such file");
    return t;
  },
};

const suiteText = `apiVersion: test.gatekeeper.sh/v1alpha1
kind: Suite
tests:
- name: names
  template: template.yaml
  constraint: constraint.yaml
  cases:
  - {name: evil, object: evil.yaml, assertions: [{violations: yes}, {violations: 1, message: "is bad"}, {message: "^nope", violations: no}]}
  - {name: good, object: good.yaml, assertions: [{violations: no}]}
  - {name: delete, object: review.yaml, assertions: [{message: "DELETE"}]}
  - {name: fails, object: good.yaml, assertions: [{violations: 1}]}
  - {name: two, object: two.yaml, assertions: [{violations: no}]}
  - {name: skipped, object: good.yaml, skip: true, assertions: [{violations: 1}]}
- name: invalid-params
  template: template.yaml
  constraint: invalid.yaml
  invalid: true
- name: not-invalid
  template: template.yaml
  constraint: constraint.yaml
  invalid: true
`;

describe("gator suites", () => {
  it("ignores files that are not Suites", () => {
    expect(parseSuite("apiVersion: v1\nkind: Pod\n", "x.yaml")).toBeUndefined();
  });

  it("runs tests and cases with gator's semantics", async () => {
    const suite = parseSuite(suiteText, "/s/suite.yaml");
    if (suite === undefined) throw new Error("not a suite");
    const r = await runSuite(suite, reader);
    const outcome = r.tests.map((t) => ({
      name: t.name,
      error: t.error?.message,
      cases: t.cases.map((c) => [c.name, c.skipped ? "skip" : (c.error?.message ?? "ok")]),
    }));
    expect(outcome).toEqual([
      {
        name: "names",
        error: undefined,
        cases: [
          ["evil", "ok"],
          ["good", "ok"],
          ["delete", "ok"],
          ["fails", "unexpected number of violations: got 0 violations but want exactly 1: got messages []"],
          ["two", 'object file must contain exactly one object: "/s/two.yaml" defines 2 objects'],
          ["skipped", "skip"],
        ],
      },
      { name: "invalid-params", error: undefined, cases: [] },
      {
        name: "not-invalid",
        error: "constraint should be invalid: got no error but want a schema error",
        cases: [],
      },
    ]);
    expect(suitePassed(r)).toBe(false);
  });

  it("reviews what a test's ExpansionTemplate generates", async () => {
    const more: Record<string, string> = {
      ...files,
      "/s/pod-constraint.yaml":
        "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sName\nmetadata: {name: c}\nspec: {parameters: {bad: evil-pod}}\n",
      "/s/expansion.yaml": `apiVersion: expansion.gatekeeper.sh/v1beta1
kind: ExpansionTemplate
metadata: {name: expand-deployments}
spec:
  applyTo: [{groups: [apps], kinds: [Deployment], versions: [v1]}]
  templateSource: spec.template
  generatedGVK: {kind: Pod, group: "", version: v1}
`,
      "/s/no-source.yaml":
        "apiVersion: expansion.gatekeeper.sh/v1beta1\nkind: ExpansionTemplate\nmetadata: {name: x}\nspec: {generatedGVK: {kind: Pod}}\n",
      "/s/deployment.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: evil, namespace: d}\nspec: {template: {spec: {}}}\n",
    };
    const suite = parseSuite(
      `apiVersion: test.gatekeeper.sh/v1alpha1
kind: Suite
tests:
- name: expanded
  template: template.yaml
  constraint: pod-constraint.yaml
  expansion: expansion.yaml
  cases:
  - {name: deployment, object: deployment.yaml, assertions: [{violations: 1, message: "^\\\\[Implied by expand-deployments\\\\] name evil-pod is bad"}]}
- name: refused
  template: template.yaml
  constraint: pod-constraint.yaml
  expansion: no-source.yaml
  cases:
  - {name: deployment, object: deployment.yaml, assertions: [{violations: no}]}
`,
      "/s/suite.yaml",
    );
    if (suite === undefined) throw new Error("not a suite");
    const r = await runSuite(suite, { read: (p: string) => more[p] ?? "" });
    expect(
      r.tests.map((t) => [t.name, t.error?.message, t.cases.map((c) => c.error?.message ?? "ok")]),
    ).toEqual([
      ["expanded", undefined, ["ok"]],
      ["refused", "adding ExpansionTemplate: ExpansionTemplate x has empty source field", []],
    ]);
  });

  it("applies the --run filter", async () => {
    const suite = parseSuite(suiteText, "/s/suite.yaml");
    if (suite === undefined) throw new Error("not a suite");
    const r = await runSuite(suite, reader, { filter: "names//^(evil|good)$" });
    expect(r.tests.map((t) => t.skipped)).toEqual([false, true, true]);
    expect(r.tests[0]?.cases.filter((c) => !c.skipped).map((c) => c.name)).toEqual(["evil", "good"]);
    expect(suitePassed(r)).toBe(true);
  });

  it("checks assertions", () => {
    expect(() => checkAssertion({ violations: undefined, message: undefined }, [])).toThrow(
      "got 0 violations but want at least 1: got messages []",
    );
    expect(() => checkAssertion({ violations: "no", message: "a" }, ["abc", "x"])).toThrow(
      'got 1 violations containing "a" but want none: got messages [abc x]',
    );
    expect(() => checkAssertion({ violations: "3", message: undefined }, [])).toThrow(/nonnegative integer/);
    expect(() => checkAssertion({ violations: 2, message: "(?i)ABC" }, ["abc", "xabcx"])).not.toThrow();
  });

  it("parses filters", () => {
    const f = newSuiteFilter("missing");
    expect(f.matchesTest("t", ["has-missing-label"])).toBe(true);
    expect(f.matchesCase("t", "other")).toBe(false);
    expect(() => newSuiteFilter("a//b//c")).toThrow(/at most one/);
  });
});
