import type { JsonObject } from "./driver.js";

/** A minimal v1 template for tests; `rego` replaces the policy, `extra` merges into the target. */
export function templateDoc(
  options: {
    kind?: string;
    name?: string;
    rego?: string;
    libs?: string[];
    schema?: JsonObject;
    target?: JsonObject;
    apiVersion?: string;
  } = {},
): JsonObject {
  const kind = options.kind ?? "K8sTest";
  const spec: JsonObject = { names: { kind } };
  if (options.schema !== undefined) spec.validation = { openAPIV3Schema: options.schema };
  const target: JsonObject = {
    target: "admission.k8s.gatekeeper.sh",
    rego:
      options.rego ??
      `package k8stest
violation[{"msg": msg}] {
  input.review.object.metadata.name == "bad"
  msg := sprintf("bad name %v", [input.parameters.tag])
}`,
    ...(options.libs !== undefined ? { libs: options.libs } : {}),
    ...options.target,
  };
  return {
    apiVersion: options.apiVersion ?? "templates.gatekeeper.sh/v1",
    kind: "ConstraintTemplate",
    metadata: { name: options.name ?? kind.toLowerCase() },
    spec: { crd: { spec }, targets: [target] },
  };
}

/** A constraint of kind K8sTest. */
export function constraintDoc(spec: JsonObject = {}, name = "test-constraint", kind = "K8sTest"): JsonObject {
  return { apiVersion: "constraints.gatekeeper.sh/v1beta1", kind, metadata: { name }, spec };
}

/** A Pod. */
export function pod(name: string, namespace = "default", labels: Record<string, string> = {}): JsonObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace, labels }, spec: { containers: [] } };
}

/** An ExpansionTemplate turning Deployments into Pods, as Gatekeeper's docs show one. */
export function expansionDoc(spec: JsonObject = {}, name = "expand-deployments"): JsonObject {
  return {
    apiVersion: "expansion.gatekeeper.sh/v1beta1",
    kind: "ExpansionTemplate",
    metadata: { name },
    spec: {
      applyTo: [{ groups: ["apps"], kinds: ["Deployment"], versions: ["v1"] }],
      templateSource: "spec.template",
      generatedGVK: { kind: "Pod", group: "", version: "v1" },
      ...spec,
    },
  };
}
