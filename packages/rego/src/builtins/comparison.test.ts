import { describe, expect, it } from "vitest";
import { RegoSet, type Value } from "../value/value.js";
import { comparisonBuiltins } from "./comparison.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]) => callBuiltin(comparisonBuiltins, name, ...args);

describe("comparison", () => {
  it("compares numbers, big or not", () => {
    expect(call("lt", 1, 2)).toBe(true);
    expect(call("gt", 1, 2)).toBe(false);
    expect(call("lte", 2, 2)).toBe(true);
    expect(call("gte", 1.5, 2)).toBe(false);
    expect(call("neq", 28857836529306024611913n, 28857836529306024611912n)).toBe(true);
    expect(call("gt", 28857836529306024611913n, 28857836529306024611912n)).toBe(true);
    expect(call("lt", 9007199254740992, 9007199254740993n)).toBe(true);
    expect(call("equal", 1, 1.0)).toBe(true);
  });

  it("orders values of different types", () => {
    expect(call("lt", null, false)).toBe(true);
    expect(call("lt", false, 0)).toBe(true);
    expect(call("lt", 100, "a")).toBe(true);
    expect(call("lt", "z", [])).toBe(true);
    expect(call("lt", [], {})).toBe(true);
    expect(call("lt", {}, new RegoSet())).toBe(true);
    expect(call("gt", [1, 2], [1])).toBe(true);
  });

  it("tests structural equality", () => {
    expect(call("equal", { a: [1, new RegoSet([2])] }, { a: [1, new RegoSet([2])] })).toBe(true);
    expect(call("equal", [1], new RegoSet([1]))).toBe(false);
    expect(call("neq", "a", "a")).toBe(false);
    expect(call("neq", 1, "1")).toBe(true);
  });

  it("declares the infix operators", () => {
    expect(comparisonBuiltins.map((d) => d.decl.infix)).toEqual(["==", "!=", "<", "<=", ">", ">="]);
  });
});
