import { describe, expect, it } from "vitest";
import type { Value } from "../value/value.js";
import { arrayBuiltins } from "./array.js";
import { OperandTypeError } from "./errors.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]) => callBuiltin(arrayBuiltins, name, ...args);

describe("array", () => {
  it("concatenates", () => {
    expect(call("array.concat", [1, 2], [3, [4]])).toEqual([1, 2, 3, [4]]);
    expect(call("array.concat", [], [])).toEqual([]);
    expect(() => call("array.concat", { a: 1 }, [])).toThrow(
      new OperandTypeError(1, "must be array but got object"),
    );
    expect(() => call("array.concat", [], { a: 1 })).toThrow("operand 2 must be array but got object");
  });

  it("flattens one level", () => {
    expect(call("array.flatten", [])).toEqual([]);
    expect(call("array.flatten", [[1, 2], [3, 4], [5]])).toEqual([1, 2, 3, 4, 5]);
    expect(call("array.flatten", [1, 2, [3]])).toEqual([1, 2, 3]);
    expect(call("array.flatten", [[[1], [2, 3, []]], [[4, 5]]])).toEqual([[1], [2, 3, []], [4, 5]]);
    expect(call("array.flatten", [[1, 2], "string", [3, { a: "b" }], 4.5, [6, [7, 8]]])).toEqual([
      1,
      2,
      "string",
      3,
      { a: "b" },
      4.5,
      6,
      [7, 8],
    ]);
    expect(() => call("array.flatten", 42)).toThrow("operand 1 must be array but got number");
  });

  it("reverses without touching the input", () => {
    const input = [1, 2, 3];
    expect(call("array.reverse", input)).toEqual([3, 2, 1]);
    expect(input).toEqual([1, 2, 3]);
    expect(call("array.reverse", [])).toEqual([]);
    expect(() => call("array.reverse", { baz: "bar" })).toThrow("operand 1 must be array but got object");
  });

  it("slices with OPA's clamping", () => {
    const a = [1, 2, 3, 4, 5];
    expect(call("array.slice", a, 1, 3)).toEqual([2, 3]);
    expect(call("array.slice", a, -10, 2)).toEqual([1, 2]);
    expect(call("array.slice", a, 3, 100)).toEqual([4, 5]);
    expect(call("array.slice", a, 4, 2)).toEqual([]);
    expect(call("array.slice", a, 0, -1)).toEqual([]);
    expect(call("array.slice", a, 0, 5)).toEqual(a);
    expect(call("array.slice", a, 2, 2n ** 62n)).toEqual([3, 4, 5]);
    expect(() => call("array.slice", a, 2, 2n ** 70n)).toThrow(
      "operand 3 must be integer number but got floating-point number",
    );
    expect(() => call("array.slice", a, 1.5, 3)).toThrow(
      "operand 2 must be integer number but got floating-point number",
    );
    expect(() => call("array.slice", a, 1, "3")).toThrow("operand 3 must be number but got string");
  });
});
