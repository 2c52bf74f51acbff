/** Builds the CEL root bindings for a review: object, oldObject, request, params, namespaceObject. */
import type { DriverConstraint, DriverReview, JsonObject } from "../driver.js";
import { type CelValue, fromJson } from "./values.js";

/** Root identifier → index in a frame's roots. */
export const ROOTS: ReadonlyMap<string, number> = new Map([
  ["object", 0],
  ["oldObject", 1],
  ["request", 2],
  ["namespaceObject", 3],
  ["params", 4],
]);
const PARAMS_INDEX = 4;

const reviewCache = new WeakMap<JsonObject, readonly CelValue[]>();
const paramsCache = new WeakMap<DriverConstraint, CelValue>();

/**
 * The review-wide roots (params left null), converted once per review object: on DELETE `object`
 * is null as in Kubernetes (templates use `variables.anyObject`), and `request` has no objects.
 */
export function reviewRoots(r: DriverReview): readonly CelValue[] {
  const review = r.review;
  let roots = reviewCache.get(review);
  if (roots === undefined) {
    const request = new Map<CelValue, CelValue>();
    for (const [k, v] of Object.entries(review)) {
      if (k === "object" || k === "oldObject") continue;
      request.set(k, fromJson(v));
    }
    const object = review.operation === "DELETE" ? null : fromJson(review.object);
    roots = [object, fromJson(review.oldObject), request, fromJson(r.namespaceObject), null];
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

/** Review roots with this constraint's params filled in. */
export function withParams(roots: readonly CelValue[], params: CelValue): CelValue[] {
  const out = roots.slice();
  out[PARAMS_INDEX] = params;
  return out;
}
