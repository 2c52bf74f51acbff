import { describe, expect, it } from "vitest";
import type { AuditedConstraint } from "../audit/constraint-status.js";
import { constraintViews, type LoadedPolicies, templateDetail, templateSummaries } from "./policy-views.js";

const template = {
  apiVersion: "templates.gatekeeper.sh/v1",
  kind: "ConstraintTemplate",
  metadata: { name: "k8srequiredlabels", annotations: { description: "Requires labels." } },
  spec: {
    crd: { spec: { names: { kind: "K8sRequiredLabels" } } },
    targets: [
      {
        target: "admission.k8s.gatekeeper.sh",
        code: [
          { engine: "K8sNativeValidation", source: { validations: [{ expression: "true" }] } },
          { engine: "Rego", source: { rego: "package k8srequiredlabels\nviolation[{}] { false }" } },
        ],
      },
    ],
  },
};
const legacy = {
  apiVersion: "templates.gatekeeper.sh/v1beta1",
  kind: "ConstraintTemplate",
  metadata: { name: "k8sdenyall" },
  spec: {
    crd: { spec: { names: { kind: "K8sDenyAll" } } },
    targets: [{ target: "admission.k8s.gatekeeper.sh", rego: "package k8sdenyall\nviolation[{}] { true }" }],
  },
};
const constraint = (kind: string, name: string, spec: Record<string, unknown>) => ({
  apiVersion: "constraints.gatekeeper.sh/v1beta1",
  kind,
  metadata: { name },
  spec,
});
const audited = (kind: string, name: string, total: number): AuditedConstraint => ({
  apiVersion: "constraints.gatekeeper.sh/v1beta1",
  kind,
  metadata: { name },
  status: { auditTimestamp: "2026-11-28T22:00:00Z", totalViolations: total },
});

const policies: LoadedPolicies = {
  sorted: {
    templates: [
      { file: "p/labels.yaml", object: template },
      { file: "p/deny.yaml", object: legacy },
    ],
    constraints: [
      {
        file: "p/c.yaml",
        object: constraint("K8sRequiredLabels", "must-have-owner", { enforcementAction: "warn" }),
      },
      { file: "p/c.yaml", object: constraint("K8sRequiredLabels", "b-team", {}) },
    ],
    config: undefined,
  },
  problems: [{ file: "p/deny.yaml", line: 3, col: 1, code: "rego_parse_error", message: "unexpected eof" }],
};

describe("constraintViews", () => {
  it("without loaded policies lists the audited statuses as they are", () => {
    const list = [audited("K8sX", "x", 2)];
    expect(constraintViews(undefined, list)).toEqual(list);
  });

  it("joins each loaded constraint's spec with its audit status, keeps removed ones, sorts by kind and name", () => {
    const views = constraintViews(policies, [
      audited("K8sRequiredLabels", "must-have-owner", 3),
      audited("K8sGone", "old", 1),
    ]);
    expect(views.map((v) => `${v.kind}/${v.metadata.name}`)).toEqual([
      "K8sGone/old",
      "K8sRequiredLabels/b-team",
      "K8sRequiredLabels/must-have-owner",
    ]);
    expect(views[1]).toEqual({
      apiVersion: "constraints.gatekeeper.sh/v1beta1",
      kind: "K8sRequiredLabels",
      metadata: { name: "b-team" },
      spec: {},
    });
    expect(views[2]?.spec).toEqual({ enforcementAction: "warn" });
    expect(views[2]?.status?.totalViolations).toBe(3);
  });
});

describe("templateSummaries", () => {
  it("lists templates by kind with engines, description, file problems and constraint counts", () => {
    const list = templateSummaries(policies, [audited("K8sRequiredLabels", "must-have-owner", 3)]);
    expect(list.map((t) => t.kind)).toEqual(["K8sDenyAll", "K8sRequiredLabels"]);
    const [deny, labels] = list;
    expect(deny).toMatchObject({ name: "k8sdenyall", engines: ["Rego"], description: null, constraints: [] });
    expect(deny?.problems.map((p) => p.code)).toEqual(["rego_parse_error"]);
    expect(labels).toMatchObject({
      name: "k8srequiredlabels",
      engines: ["K8sNativeValidation", "Rego"],
      description: "Requires labels.",
      file: "p/labels.yaml",
      problems: [],
    });
    expect(labels?.constraints).toEqual([
      {
        kind: "K8sRequiredLabels",
        name: "b-team",
        enforcementAction: "deny",
        totalViolations: null,
        auditTimestamp: null,
      },
      {
        kind: "K8sRequiredLabels",
        name: "must-have-owner",
        enforcementAction: "warn",
        totalViolations: 3,
        auditTimestamp: "2026-11-28T22:00:00Z",
      },
    ]);
    expect(labels).not.toHaveProperty("document");
  });

  it("finds one template by name with its document", () => {
    expect(templateDetail(policies, [], "k8srequiredlabels")?.document).toBe(template);
    expect(templateDetail(policies, [], "K8sRequiredLabels")).toBeUndefined();
  });
});
