import type { JsonObject } from "./driver.js";
import { ReviewError } from "./errors.js";
import { isObject, objectAt, splitApiVersion, stringAt } from "./json-util.js";

/** What the client reviews: Gatekeeper's `input.review` and the facts matching needs. */
export interface ReviewInput {
  /** The AdmissionRequest-shaped `input.review`. */
  readonly review: JsonObject;
  readonly object: JsonObject | null;
  readonly oldObject: JsonObject | null;
  /** The request's namespace ("" for cluster-scoped objects and Namespaces). */
  readonly namespace: string;
  /** `operation`, "" when not an admission request. */
  readonly operation: string;
  /** The object the results are about: object, else oldObject. */
  readonly subject: JsonObject;
}

/** True for an `AdmissionReview` document (admission.k8s.io group). */
export function isAdmissionReview(doc: unknown): boolean {
  return (
    stringAt(doc, "kind") === "AdmissionReview" &&
    splitApiVersion(stringAt(doc, "apiVersion") ?? "").group === "admission.k8s.io"
  );
}

function gvk(v: unknown): JsonObject {
  return {
    group: stringAt(v, "group") ?? "",
    version: stringAt(v, "version") ?? "",
    kind: stringAt(v, "kind") ?? "",
  };
}

function gvr(v: unknown): JsonObject {
  return {
    group: stringAt(v, "group") ?? "",
    version: stringAt(v, "version") ?? "",
    resource: stringAt(v, "resource") ?? "",
  };
}

function userInfo(v: unknown): JsonObject {
  const out: JsonObject = {};
  if (!isObject(v)) return out;
  for (const k of ["username", "uid"]) {
    const s = stringAt(v, k);
    if (s !== undefined && s !== "") out[k] = s;
  }
  if (Array.isArray(v.groups) && v.groups.length > 0) out.groups = v.groups;
  if (isObject(v.extra) && Object.keys(v.extra).length > 0) out.extra = v.extra;
  return out;
}

/**
 * `input.review` for a plain object (audit, `gator test`, gator suite cases): the
 * AdmissionRequest Gatekeeper's target handler builds, as Go serializes it — `uid` and
 * `operation` empty, zero `resource`, empty `userInfo`, `oldObject`/`options` null, `name` and
 * `namespace` from the object (omitted when empty).
 */
export function reviewFromObject(object: unknown): ReviewInput {
  if (!isObject(object)) throw new ReviewError("review_malformed", "the object to review is not an object");
  const apiVersion = stringAt(object, "apiVersion") ?? "";
  const kind = stringAt(object, "kind") ?? "";
  const md = objectAt(object, "metadata");
  const name = stringAt(md, "name") ?? "";
  if (apiVersion === "") throw new ReviewError("review_malformed", `resource ${name} has no version`);
  if (kind === "") throw new ReviewError("review_malformed", `resource ${name} has no kind`);
  const { group, version } = splitApiVersion(apiVersion);
  const namespace = stringAt(md, "namespace") ?? "";
  const review: JsonObject = {
    uid: "",
    kind: { group, version, kind },
    resource: { group: "", version: "", resource: "" },
  };
  if (name !== "") review.name = name;
  if (namespace !== "") review.namespace = namespace;
  review.operation = "";
  review.userInfo = {};
  review.object = object;
  review.oldObject = null;
  review.options = null;
  return { review, object, oldObject: null, namespace, operation: "", subject: object };
}

/** Options for {@link reviewFromAdmissionRequest}. */
export interface AdmissionOptions {
  /** Force `namespace` to "" for Namespace objects (the webhook does, for server-side apply). */
  readonly clearNamespaceOfNamespaces?: boolean;
}

/**
 * `input.review` for an AdmissionRequest: its fields in Go's serialized shape, with `object`
 * set to `oldObject` on DELETE. A request with neither object nor oldObject, or a DELETE without
 * oldObject, is an error.
 */
export function reviewFromAdmissionRequest(request: unknown, options: AdmissionOptions = {}): ReviewInput {
  if (!isObject(request)) throw new ReviewError("review_malformed", "the AdmissionRequest is not an object");
  let object = isObject(request.object) ? request.object : null;
  const oldObject = isObject(request.oldObject) ? request.oldObject : null;
  if (object === null && oldObject === null) {
    throw new ReviewError(
      "review_no_object",
      `AdmissionRequest does not contain an "object" or "oldObject" to review`,
    );
  }
  const operation = stringAt(request, "operation") ?? "";
  if (operation === "DELETE" && object === null) {
    if (oldObject === null) {
      throw new ReviewError(
        "review_delete_without_old_object",
        "a DELETE AdmissionRequest must have an oldObject",
      );
    }
    object = oldObject;
  }
  const kind = gvk(request.kind);
  let namespace = stringAt(request, "namespace") ?? "";
  if (options.clearNamespaceOfNamespaces === true && kind.kind === "Namespace" && kind.group === "")
    namespace = "";
  const review: JsonObject = { uid: stringAt(request, "uid") ?? "", kind, resource: gvr(request.resource) };
  for (const k of ["subResource", "requestSubResource"]) {
    const s = stringAt(request, k);
    if (s !== undefined && s !== "") review[k] = s;
  }
  if (isObject(request.requestKind)) review.requestKind = gvk(request.requestKind);
  if (isObject(request.requestResource)) review.requestResource = gvr(request.requestResource);
  const name = stringAt(request, "name") ?? "";
  if (name !== "") review.name = name;
  if (namespace !== "") review.namespace = namespace;
  review.operation = operation;
  review.userInfo = userInfo(request.userInfo);
  review.object = object;
  review.oldObject = oldObject;
  if (typeof request.dryRun === "boolean") review.dryRun = request.dryRun;
  review.options = isObject(request.options) ? request.options : null;
  const subject = object ?? oldObject;
  if (subject === null) throw new ReviewError("review_no_object", "no object to review");
  return { review, object, oldObject, namespace, operation, subject };
}

/** `input.review` for an AdmissionReview document (gator cases): its `request`. */
export function reviewFromAdmissionReview(doc: unknown): ReviewInput {
  const request = objectAt(doc, "request");
  if (request === undefined) {
    throw new ReviewError("review_malformed", "AdmissionReview did not actually pass in an AdmissionRequest");
  }
  return reviewFromAdmissionRequest(request);
}
