import { describe, expect, it } from "vitest";
import type { DocNode } from "../compiler/ir.js";
import { newDocNode } from "../compiler/rule-tree.js";
import { type FunctionPlan, worthCaching } from "./function-plan.js";

function planWith(calls: number, hits: number): FunctionPlan {
  const node: DocNode = newDocNode([]);
  return {
    node,
    rules: [],
    defaultPlan: undefined,
    byFirst: null,
    others: [],
    stats: { calls, hits },
    prints: false,
    acrossQueries: undefined,
    lastCache: undefined,
  };
}

describe("worthCaching", () => {
  it("keeps results during the trial, then only for functions whose calls repeat", () => {
    expect(worthCaching(planWith(0, 0))).toBe(true);
    expect(worthCaching(planWith(255, 0))).toBe(true);
    expect(worthCaching(planWith(256, 0))).toBe(false);
    expect(worthCaching(planWith(1000, 125))).toBe(true);
    expect(worthCaching(planWith(1000, 124))).toBe(false);
  });

  it("always keeps the results of functions that print, so each argument list prints once as in OPA", () => {
    expect(worthCaching({ ...planWith(1000, 0), prints: true })).toBe(true);
  });
});
