import { describe, expect, it } from "vitest";
import { randBuiltins } from "./rand.js";
import { testContext } from "./test-context.js";

const intn = randBuiltins[0]?.impl;

describe("rand.intn", () => {
  it("is stable per (str, n) within a query and uses |n|", () => {
    if (intn === undefined) throw new Error("missing");
    const ctx = testContext();
    const a = intn(["key", 100], ctx) as number;
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(100);
    expect(intn(["key", 100], ctx)).toBe(a);
    expect(intn(["key", -100], ctx)).toBe(a);
    expect(intn(["key", 0], ctx)).toBe(0);
  });

  it("validates operands", () => {
    if (intn === undefined) throw new Error("missing");
    expect(() => intn([1, 2], testContext())).toThrow("operand 1 must be string but got number");
    expect(() => intn(["k", 1.5], testContext())).toThrow(
      "operand 2 must be integer number but got floating-point number",
    );
  });
});
