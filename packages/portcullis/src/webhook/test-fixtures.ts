/** Documents for webhook tests. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseYamlObjects } from "@portcullis/constraint";
import type { JsonObject } from "./admission-review.js";

/** The seed scenario folder (../shared relative to the repository). */
export const SEED_DIR = join(import.meta.dirname, "../../../../../shared/scenarios/seed-istio-mtls");

/** The first object of a seed scenario file. */
export function seedObject(file: string): JsonObject {
  const path = join(SEED_DIR, file);
  const doc = parseYamlObjects(readFileSync(path, "utf8"), path)[0];
  if (doc === undefined) throw new Error(`${path}: empty`);
  return doc;
}

/** A v1 ConstraintTemplate with one Rego target. */
export function template(kind: string, rego: string, target: JsonObject = {}): JsonObject {
  return {
    apiVersion: "templates.gatekeeper.sh/v1",
    kind: "ConstraintTemplate",
    metadata: { name: kind.toLowerCase() },
    spec: {
      crd: { spec: { names: { kind } } },
      targets: [{ target: "admission.k8s.gatekeeper.sh", rego, ...target }],
    },
  };
}

/** An ExpansionTemplate making Pods of Deployments' `spec.template`; `spec` adds to or replaces its fields. */
export function expansionTemplate(spec: JsonObject = {}, name = "expand-deployments"): JsonObject {
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

/** A constraint. */
export function constraint(kind: string, name: string, spec: JsonObject = {}): JsonObject {
  return { apiVersion: "constraints.gatekeeper.sh/v1beta1", kind, metadata: { name }, spec };
}

/** Rego denying objects whose name is `bad` with "name <n> is bad". */
export const BAD_NAME_REGO = `package badname
violation[{"msg": msg, "details": {"name": name}}] {
  name := input.review.object.metadata.name
  name == "bad"
  msg := sprintf("name %v is bad", [name])
}`;

/** A Pod. */
export function pod(name: string, namespace = "default", labels: Record<string, string> = {}): JsonObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: "c", image: "nginx" }] },
  };
}

/** An AdmissionRequest for an object. */
export function requestFor(object: JsonObject, overrides: JsonObject = {}): JsonObject & { uid: string } {
  const apiVersion = typeof object.apiVersion === "string" ? object.apiVersion : "v1";
  const slash = apiVersion.indexOf("/");
  const metadata = (object.metadata ?? {}) as JsonObject;
  return {
    uid: "uid-1",
    kind: {
      group: slash < 0 ? "" : apiVersion.slice(0, slash),
      version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
      kind: object.kind,
    },
    resource: { group: "", version: "v1", resource: "pods" },
    name: metadata.name,
    namespace: metadata.namespace,
    operation: "CREATE",
    userInfo: { username: "alice", groups: ["system:authenticated"] },
    object,
    oldObject: null,
    dryRun: false,
    ...overrides,
  };
}

/** An admission.k8s.io/v1 AdmissionReview of `object` as a request body (see {@link requestFor}). */
export function reviewBody(object: JsonObject, overrides: JsonObject = {}): string {
  return JSON.stringify({
    apiVersion: "admission.k8s.io/v1",
    kind: "AdmissionReview",
    request: requestFor(object, overrides),
  });
}
