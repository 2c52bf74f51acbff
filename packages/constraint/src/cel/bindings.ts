/** The CEL root bindings of a review: object, oldObject, request, namespaceObject and params. */
import type { CelValue } from "@bufbuild/cel";
import { celMap } from "@bufbuild/cel";
import type { DriverConstraint, DriverReview, JsonObject } from "../driver.js";
import { fromJson } from "./json-values.js";

/** Root identifiers an expression may use. */
export const ROOTS: ReadonlySet<string> = new Set([
  "object",
  "oldObject",
  "request",
  "namespaceObject",
  "params",
]);

/** The review-wide roots. */
export interface ReviewRoots {
  readonly object: CelValue;
  readonly oldObject: CelValue;
  readonly request: CelValue;
  readonly namespaceObject: CelValue;
}

const reviewCache = new WeakMap<JsonObject, ReviewRoots>();
const paramsCache = new WeakMap<DriverConstraint, CelValue>();

/**
 * The review's roots, converted once per review object: on DELETE `object` is null as in
 * Kubernetes (templates use `variables.anyObject`), and `request` has no objects.
 */
export function reviewRoots(r: DriverReview): ReviewRoots {
  const review = r.review;
  let roots = reviewCache.get(review);
  if (roots === undefined) {
    const request = new Map<string, CelValue>();
    for (const [k, v] of Object.entries(review)) {
      if (k === "object" || k === "oldObject") continue;
      request.set(k, fromJson(v));
    }
    roots = {
      object: review.operation === "DELETE" ? null : fromJson(review.object),
      oldObject: fromJson(review.oldObject),
      request: celMap(request),
      namespaceObject: fromJson(r.namespaceObject),
    };
    reviewCache.set(review, roots);
  }
  return roots;
}

/** The constraint as `params` sees it (Gatekeeper binds the whole constraint object). */
export function constraintParams(c: DriverConstraint): CelValue {
  let v = paramsCache.get(c);
  if (v === undefined) {
    const spec: JsonObject = {};
    if (c.parameters !== undefined && c.parameters !== null) spec.parameters = c.parameters;
    v = fromJson({
      apiVersion: "constraints.gatekeeper.sh/v1beta1",
      kind: c.kind,
      metadata: { name: c.name },
      spec,
    });
    paramsCache.set(c, v);
  }
  return v;
}
