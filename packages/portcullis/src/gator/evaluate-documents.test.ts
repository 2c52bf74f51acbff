import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GatorError } from "./errors.js";
import { evaluateDocuments, isDenyResult } from "./evaluate-documents.js";
import { parseDocuments, type SourceDocument } from "./read-documents.js";
import { constraintYaml, EXPANSION_DEPLOYMENTS, SEED, templateYaml } from "./test-fixtures.js";

function docs(files: Record<string, string>): SourceDocument[] {
  return Object.entries(files).flatMap(([f, t]) => parseDocuments(t, f));
}

function seed(...names: string[]): SourceDocument[] {
  return names.flatMap((n) => parseDocuments(readFileSync(join(SEED, n), "utf8"), n));
}

function failure(files: Record<string, string>): GatorError {
  const documents = docs(files);
  try {
    evaluateDocuments(documents, { engine: "auto" });
  } catch (e: unknown) {
    if (e instanceof GatorError) return e;
    throw e;
  }
  throw new Error("expected a GatorError");
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: prod
`;

describe("evaluateDocuments: the seed scenario", () => {
  it("denies the PERMISSIVE Policy with the README's message", () => {
    const out = evaluateDocuments(seed("template.yaml", "constraint.yaml", "bad-app-policy.yaml"), {
      engine: "auto",
    });
    expect(out.results.map((r) => [r.result.constraint.name, r.result.msg, isDenyResult(r.result)])).toEqual([
      [
        "policy-strict-constraint",
        "Policy app-policy-demo.default spec.peers must include [{mtls: {}, mode: STRICT}]",
        true,
      ],
    ]);
  });

  it("admits the STRICT Policy", () => {
    const out = evaluateDocuments(seed("template.yaml", "constraint.yaml", "good-app-policy.yaml"), {
      engine: "auto",
    });
    expect(out.results).toEqual([]);
  });
});

describe("evaluateDocuments", () => {
  it("reviews objects, sorts by action then message, and keeps warn results non-denying", () => {
    const documents = docs({
      "all.yaml": [
        templateYaml({}),
        constraintYaml("b-deny"),
        constraintYaml("a-warn", "  enforcementAction: warn\n"),
        POD,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\n  labels: {owner: me}\n",
      ].join("---\n"),
    });
    const out = evaluateDocuments(documents, { engine: "auto" });
    expect(out.results.map((r) => [r.result.enforcementAction, r.result.constraint.name])).toEqual([
      ["deny", "b-deny"],
      ["warn", "a-warn"],
    ]);
    expect(out.results.map((r) => isDenyResult(r.result))).toEqual([true, false]);
  });

  it("reviews AdmissionReviews as requests and uses input Namespaces for namespaceSelector", () => {
    const review = `apiVersion: admission.k8s.io/v1
kind: AdmissionReview
request:
  uid: "1"
  kind: {group: "", version: v1, kind: Pod}
  operation: CREATE
  name: web
  namespace: prod
  object:
${POD.split("\n")
  .map((l) => `    ${l}`)
  .join("\n")}
`;
    const documents = docs({
      "t.yaml": templateYaml({}),
      "c.yaml": constraintYaml("prod-only", "    namespaceSelector:\n      matchLabels: {env: prod}\n"),
      "ns.yaml":
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels: {env: prod, owner: ops}\n",
      "review.yaml": review,
    });
    const out = evaluateDocuments(documents, { engine: "auto" });
    expect(out.results.map((r) => [r.source.file, r.result.msg])).toEqual([
      ["review.yaml", "Pod web has no owner"],
    ]);
  });

  it("skips templates without CEL under --engine cel, and says so", () => {
    const documents = docs({ "t.yaml": templateYaml({}), "c.yaml": constraintYaml("x"), "p.yaml": POD });
    const out = evaluateDocuments(documents, { engine: "cel" });
    expect(out.results).toEqual([]);
    expect(out.notes).toEqual([
      "t.yaml:1: template for K8sRequiredOwner has no CEL code; skipped with --engine cel",
    ]);
  });
});

describe("evaluateDocuments: bad templates name the file and line", () => {
  it("a Rego syntax error points at the line in the YAML", () => {
    const e = failure({
      "t.yaml": `# leading comment\n${templateYaml({ rego: 'package x\nviolation[{"msg": m}] {\n  m := \n}' })}`,
    });
    expect(e.code).toBe("invalid_template");
    expect(e.message).toMatch(
      /^t\.yaml:23:\d+: invalid ConstraintTemplate "k8srequiredowner": .*rego_parse_error/,
    );
  });

  it("no violation rule", () => {
    const e = failure({ "t.yaml": templateYaml({ rego: "package x\nallow { true }" }) });
    expect(e.message).toMatch(
      /^t\.yaml:\d+(:\d+)?: invalid ConstraintTemplate "k8srequiredowner": .*missing required rules/,
    );
  });

  it("name not the lowercased kind", () => {
    const e = failure({ "dir/t.yaml": `a: 1\n---\n${templateYaml({ name: "wrong" })}` });
    expect(e.message).toMatch(
      /^dir\/t\.yaml:3: invalid ConstraintTemplate "wrong": metadata\.name "wrong" must be/,
    );
  });

  it("two targets", () => {
    const e = failure({ "t.yaml": templateYaml({ extraTarget: true }) });
    expect(e.message).toMatch(/^t\.yaml:1: invalid ConstraintTemplate "k8srequiredowner": .*target/);
  });

  it("a data reference outside inventory and lib", () => {
    const e = failure({
      "t.yaml": templateYaml({ rego: 'package x\nviolation[{"msg": m}] {\n  m := data.secrets.token\n}' }),
    });
    expect(e.message).toMatch(/^t\.yaml:\d+:\d+: .*disallowed data reference data\.secrets\.token/);
  });

  it("a malformed schema", () => {
    const e = failure({
      "t.yaml": templateYaml({
        schema: "      validation:\n        openAPIV3Schema:\n          properties:\n            x: {}",
      }),
    });
    expect(e.message).toMatch(/^t\.yaml:1: invalid ConstraintTemplate "k8srequiredowner": .*structural/);
  });
});

describe("evaluateDocuments: bad constraints name the file and line", () => {
  const template = templateYaml({});
  it("parameters against the schema", () => {
    const e = failure({
      "t.yaml": template,
      "c.yaml": constraintYaml("c", "  parameters:\n    message: 42\n"),
    });
    expect(e.code).toBe("invalid_constraint");
    expect(e.message).toMatch(/^c\.yaml:1: invalid K8sRequiredOwner "c": .*spec\.parameters\.message/);
  });

  it("an unknown enforcement action", () => {
    const e = failure({ "t.yaml": template, "c.yaml": constraintYaml("c", "  enforcementAction: block\n") });
    expect(e.message).toMatch(/^c\.yaml:1: .*unrecognized enforcementAction "block"/);
  });

  it("a bad selector", () => {
    const e = failure({
      "t.yaml": template,
      "c.yaml": constraintYaml(
        "c",
        "    labelSelector:\n      matchExpressions: [{key: a, operator: Near}]\n",
      ),
    });
    expect(e.message).toMatch(/^c\.yaml:1: invalid K8sRequiredOwner "c": .*labelSelector/);
  });

  it("an unknown kind", () => {
    const e = failure({ "c.yaml": `x: 1\n---\n${constraintYaml("c", "", "NoSuchKind")}` });
    expect(e.code).toBe("unknown_kind");
    expect(e.message).toMatch(/^c\.yaml:3: .*"NoSuchKind" is not recognized/);
  });
});

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
`;

describe("evaluateDocuments with ExpansionTemplates", () => {
  it("reviews the Pod a Deployment implies, naming the template in the message", () => {
    const documents = docs({
      "template.yaml": templateYaml({}),
      "constraint.yaml": constraintYaml("must-have-owner"),
      "expansion.yaml": EXPANSION_DEPLOYMENTS,
      "deployment.yaml": DEPLOYMENT,
    });
    const out = evaluateDocuments(documents, { engine: "auto" });
    expect(out.results.map((r) => [r.result.msg, r.source.file])).toEqual([
      ["[Implied by expand-deployments] Pod web-pod has no owner", "deployment.yaml"],
    ]);
  });

  it("names the file and line of an ExpansionTemplate Gatekeeper would refuse", () => {
    const e = failure({
      "expansion.yaml": `---\n${EXPANSION_DEPLOYMENTS.replace('templateSource: "spec.template"', 'templateSource: ""')}`,
    });
    expect(e.code).toBe("invalid_expansion");
    expect(e.message).toContain("ExpansionTemplate expand-deployments has empty source field");
    expect(e.message).toContain("expansion.yaml");
  });
});
