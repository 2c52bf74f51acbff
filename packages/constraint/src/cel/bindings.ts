/** The CEL root bindings of a review: object, oldObject, request, namespaceObject and params. */
import type { CelValue } from "@bufbuild/cel";
import type { DriverConstraint, DriverReview, JsonObject } from "../driver.js";
import { MemoKey } from "../review-memo.js";
import { fromJson, fromJsonWithout, jsonDocument } from "./json-values.js";

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

const paramsCache = new WeakMap<DriverConstraint, CelValue>();

/**
 * A review's roots: on DELETE `object` is null as in Kubernetes (templates use
 * `variables.anyObject`), and `request` has no objects. Documents keep their CEL wrappers (see
 * json-values.ts).
 */
const REVIEW_ROOTS = new MemoKey("cel review roots", (r: DriverReview): ReviewRoots => {
  const review = r.review;
  return {
    object: review.operation === "DELETE" ? null : jsonDocument(review.object),
    oldObject: jsonDocument(review.oldObject),
    request: fromJsonWithout(review, ["object", "oldObject"]),
    // Namespaces outlive reviews: their wrappers are shared.
    namespaceObject: fromJson(r.namespaceObject),
  };
});

/**
 * The review's roots, made once (with a memo) for all the templates that review it, whether they
 * take it one after another or take turns with other reviews (batches).
 */
export function reviewRoots(r: DriverReview): ReviewRoots {
  return r.memo === undefined ? REVIEW_ROOTS.make(r) : r.memo.get(REVIEW_ROOTS, r);
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
