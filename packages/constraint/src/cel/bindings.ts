/** The CEL root bindings of a review: object, oldObject, request, namespaceObject and params. */
import type { CelValue } from "@bufbuild/cel";
import type { DriverConstraint, DriverReview, JsonObject } from "../driver.js";
import { fromJson, fromJsonWithout } from "./json-values.js";

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

interface RootsEntry {
  readonly namespaceObject: unknown;
  readonly roots: ReviewRoots;
}

/** Each review's roots, by its review document, for the templates that review it in turn. */
const rootsByReview = new WeakMap<object, RootsEntry>();
/** The roots asked for last: the constraints of a template ask for one review's in a row. */
let last: { readonly review: DriverReview; readonly roots: ReviewRoots } | undefined;

/**
 * The review's roots: on DELETE `object` is null as in Kubernetes (templates use
 * `variables.anyObject`), and `request` has no objects. Documents keep their CEL wrappers (see
 * json-values.ts), and a review's roots are made once for all the templates that review it,
 * whether they take it one after another or take turns with other reviews (batches).
 */
export function reviewRoots(r: DriverReview): ReviewRoots {
  if (
    last !== undefined &&
    last.review.review === r.review &&
    last.review.namespaceObject === r.namespaceObject
  )
    return last.roots;
  const review = r.review;
  let entry = rootsByReview.get(review);
  if (entry === undefined || entry.namespaceObject !== r.namespaceObject) {
    const roots: ReviewRoots = {
      object: review.operation === "DELETE" ? null : fromJson(review.object),
      oldObject: fromJson(review.oldObject),
      request: fromJsonWithout(review, ["object", "oldObject"]),
      namespaceObject: fromJson(r.namespaceObject),
    };
    entry = { namespaceObject: r.namespaceObject, roots };
    rootsByReview.set(review, entry);
  }
  last = { review: r, roots: entry.roots };
  return entry.roots;
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
