import { join } from "node:path";
import { GatorError } from "./errors.js";

/** The shared test data (../shared from the repository), read at test time. */
export const SHARED = join(import.meta.dirname, "../../../../../shared");
/** The seed scenario's directory. */
export const SEED = join(SHARED, "scenarios/seed-istio-mtls");
/** The gatekeeper-library's `library/` directory. */
export const LIBRARY = join(SHARED, "conformance/gatekeeper-library/library");

/** A v1 ConstraintTemplate in YAML whose Rego (indented for the block scalar) is given. */
export function templateYaml(options: {
  name?: string;
  kind?: string;
  rego?: string;
  extraTarget?: boolean;
  schema?: string;
}): string {
  const kind = options.kind ?? "K8sRequiredOwner";
  const rego =
    options.rego ??
    `package k8srequiredowner
violation[{"msg": msg, "details": {"missing": "owner"}}] {
  not input.review.object.metadata.labels.owner
  msg := sprintf("%v %v has no owner", [input.review.object.kind, input.review.object.metadata.name])
}`;
  const indented = rego
    .split("\n")
    .map((l) => `        ${l}`)
    .join("\n");
  const schema =
    options.schema ??
    `      validation:
        openAPIV3Schema:
          type: object
          properties:
            message:
              type: string`;
  const extra = options.extraTarget
    ? `    - target: admission.k8s.gatekeeper.sh
      rego: |
        package other
        violation[{"msg": "x"}] { false }
`
    : "";
  return `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: ${options.name ?? kind.toLowerCase()}
spec:
  crd:
    spec:
      names:
        kind: ${kind}
${schema}
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
${indented}
${extra}`;
}

/** A constraint of the fixture template, with extra `spec` YAML lines (indented two spaces). */
export function constraintYaml(name: string, specLines = "", kind = "K8sRequiredOwner"): string {
  return `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: ${kind}
metadata:
  name: ${name}
spec:
  match:
    kinds:
      - apiGroups: [""]
        kinds: ["Pod", "Namespace"]
${specLines}`;
}

/** An ExpansionTemplate that makes every apps/v1 Deployment imply its `spec.template` as a Pod. */
export const EXPANSION_DEPLOYMENTS = `apiVersion: expansion.gatekeeper.sh/v1beta1
kind: ExpansionTemplate
metadata:
  name: expand-deployments
spec:
  applyTo:
    - groups: ["apps"]
      kinds: ["Deployment"]
      versions: ["v1"]
  templateSource: "spec.template"
  generatedGVK:
    kind: Pod
    group: ""
    version: v1
`;

/** The GatorError `run` throws; fails the test when it throws nothing or something else. */
export function gatorFailure(run: () => unknown): GatorError {
  try {
    run();
  } catch (e: unknown) {
    if (e instanceof GatorError) return e;
    throw e;
  }
  throw new Error("expected a GatorError");
}

/** `-f` flags for the seed scenario's template and constraint, then each of `objects`. */
export function seedFileFlags(...objects: string[]): string[] {
  return ["template.yaml", "constraint.yaml", ...objects].flatMap((f) => ["-f", f]);
}
