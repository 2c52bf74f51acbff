import { describe, expect, it } from "vitest";
import { constraintCrd } from "./constraint-crd.js";
import { parseTemplate } from "./templates.js";
import { templateDoc } from "./test-fixtures.js";

describe("constraintCrd", () => {
  it("generates Gatekeeper's constraint CRD", () => {
    const crd = constraintCrd(
      parseTemplate(templateDoc({ kind: "K8sRequiredLabels", schema: { type: "object" } })),
    );
    expect(crd.metadata).toEqual({
      name: "k8srequiredlabels.constraints.gatekeeper.sh",
      labels: { "gatekeeper.sh/constraint": "yes" },
    });
    const spec = crd.spec as Record<string, unknown>;
    expect(spec.names).toEqual({
      kind: "K8sRequiredLabels",
      listKind: "K8sRequiredLabelsList",
      plural: "k8srequiredlabels",
      singular: "k8srequiredlabels",
      categories: ["constraint", "constraints"],
    });
    expect(spec.scope).toBe("Cluster");
    const versions = spec.versions as {
      name: string;
      storage: boolean;
      schema: { openAPIV3Schema: { properties: { spec: { properties: Record<string, unknown> } } } };
    }[];
    expect(versions.map((v) => [v.name, v.storage])).toEqual([
      ["v1beta1", true],
      ["v1alpha1", false],
    ]);
    const props = versions[0]?.schema.openAPIV3Schema.properties.spec.properties ?? {};
    expect(Object.keys(props).sort()).toEqual([
      "enforcementAction",
      "match",
      "parameters",
      "scopedEnforcementActions",
    ]);
    expect(props.enforcementAction).toEqual({ type: "string", default: "deny" });
  });
});
