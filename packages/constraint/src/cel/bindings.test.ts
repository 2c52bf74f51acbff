import { isCelMap } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import type { DriverReview } from "../driver.js";
import { ReviewMemo } from "../review-memo.js";
import { constraintParams, reviewRoots } from "./bindings.js";

function review(operation: string, ns: DriverReview["namespaceObject"] = null): DriverReview {
  return {
    review: { operation, name: "p", object: { metadata: { name: "p" } }, oldObject: null },
    namespaceObject: ns,
    inventory: {},
    memo: new ReviewMemo(),
  };
}

describe("review roots", () => {
  it("are shared by the templates evaluating one review", () => {
    const r = review("CREATE");
    const roots = reviewRoots(r);
    expect(reviewRoots(r)).toBe(roots);
    expect(reviewRoots({ ...r })).toBe(roots);
    expect(reviewRoots({ ...review("CREATE"), review: r.review })).not.toBe(roots);
  });

  it("are made afresh for a review without a memo", () => {
    const { memo: _, ...r } = review("CREATE");
    expect(reviewRoots(r)).not.toBe(reviewRoots(r));
    expect(reviewRoots(r)).toEqual(reviewRoots(r));
  });

  it("are kept for each review when templates take reviews in turns (batches)", () => {
    const a = review("CREATE");
    const b = review("UPDATE");
    const rootsA = reviewRoots(a);
    const rootsB = reviewRoots(b);
    expect(rootsB).not.toBe(rootsA);
    expect(reviewRoots(a)).toBe(rootsA);
    expect(reviewRoots(b)).toBe(rootsB);
  });

  it("bind request without the objects, and no object on DELETE", () => {
    const roots = reviewRoots(review("DELETE"));
    expect(roots.object).toBe(null);
    if (!isCelMap(roots.request)) throw new Error("request is not a map");
    expect(roots.request.get("operation")).toBe("DELETE");
    expect(roots.request.has("object")).toBe(false);
    expect([...roots.request.keys()]).toEqual(["operation", "name"]);
  });

  it("wrap each constraint's parameters once", () => {
    const c = { kind: "K", name: "c", parameters: { a: 1 } };
    expect(constraintParams(c)).toBe(constraintParams(c));
  });
});
