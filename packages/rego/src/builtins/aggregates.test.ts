import { describe, expect, it } from "vitest";
import { ObjectBuilder, RegoSet, type Value } from "../value/value.js";
import { aggregatesBuiltins } from "./aggregates.js";
import { OperandTypeError } from "./errors.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]) => callBuiltin(aggregatesBuiltins, name, ...args);

describe("count", () => {
  it("counts arrays, sets, objects and the runes of strings", () => {
    expect(call("count", [1, 2, 3])).toBe(3);
    expect(call("count", new RegoSet([1, 2]))).toBe(2);
    expect(call("count", { a: 1, b: 2 })).toBe(2);
    const o = new ObjectBuilder();
    o.set(1, "x");
    o.set("a", "y");
    expect(call("count", o.build())).toBe(2);
    expect(call("count", "")).toBe(0);
    expect(call("count", "héllo")).toBe(5);
    expect(call("count", "a😀b")).toBe(3);
    expect(call("count", "\ud800x")).toBe(2);
    expect(call("count", "\ufffd\ufffd")).toBe(2);
  });

  it("ignores inherited properties", () => {
    expect(call("count", Object.create({ inherited: 1 }))).toBe(0);
  });

  it("rejects other types", () => {
    expect(() => call("count", 5)).toThrow(
      new OperandTypeError(1, "must be one of {array, object, set, string} but got number"),
    );
    expect(() => call("count", null)).toThrow(
      "operand 1 must be one of {array, object, set, string} but got null",
    );
  });
});

describe("sum and product", () => {
  it("folds integers exactly", () => {
    expect(call("sum", [1, 2, 3])).toBe(6);
    expect(call("sum", [])).toBe(0);
    expect(call("product", [2, 3, 4])).toBe(24);
    expect(call("product", [])).toBe(1);
    expect(call("sum", new RegoSet([1, 2, 3, 4]))).toBe(10);
    expect(call("sum", [18446744073709551617n, 1])).toBe(18446744073709551618n);
    expect(call("sum", new RegoSet([18446744073709551617n, 1]))).toBe(18446744073709551618n);
    expect(call("product", [18446744073709551617n, 2])).toBe(36893488147419103234n);
    expect(call("sum", [9223372036854775807n, 1])).toBe(9223372036854775808n);
    expect(call("sum", new RegoSet([9223372036854775807n, 1, 2]))).toBe(9223372036854775810n);
    expect(call("sum", [-9223372036854775808n, -1])).toBe(-9223372036854775809n);
    expect(call("sum", [9007199254740991, 1])).toBe(9007199254740992n);
  });

  it("folds floats as OPA does", () => {
    expect(call("sum", [1.5, 2.5])).toBe(4);
    expect(call("sum", [1, 2.5])).toBe(3.5);
    expect(call("product", [1.5, 2])).toBe(3);
    expect(call("sum", [0.1, 0.2])).toBe(0.3);
    expect(call("product", [0.1, 3])).toBe(0.30000000000000004);
  });

  it("reports non-numbers", () => {
    expect(() => call("sum", [1, "a"])).toThrow(
      "operand 1 must be array of numbers but got array containing string",
    );
    expect(() => call("product", new RegoSet([1, null]))).toThrow(
      "operand 1 must be set of numbers but got set containing null",
    );
    expect(() => call("sum", { a: 1 })).toThrow("operand 1 must be one of {set, array} but got object");
  });
});

describe("max, min and sort", () => {
  it("compares in OPA's order", () => {
    expect(call("max", [1, 3, 2])).toBe(3);
    expect(call("min", [1, 3, 2])).toBe(1);
    expect(call("max", new RegoSet([1, "a", null]))).toBe("a");
    expect(call("min", new RegoSet([1, "a", null]))).toBe(null);
    expect(call("max", [[1], { a: 1 }, "z"])).toEqual({ a: 1 });
    expect(call("max", [9007199254740993n, 9007199254740992n])).toBe(9007199254740993n);
  });

  it("is undefined for empty collections", () => {
    expect(call("max", [])).toBeUndefined();
    expect(call("min", new RegoSet())).toBeUndefined();
  });

  it("sorts arrays and sets", () => {
    expect(call("sort", [3, "a", 1, null, false])).toEqual([null, false, 1, 3, "a"]);
    expect(call("sort", new RegoSet([2, 1]))).toEqual([1, 2]);
    const input = [2, 1];
    call("sort", input);
    expect(input).toEqual([2, 1]);
    expect(() => call("sort", "x")).toThrow("operand 1 must be one of {set, array} but got string");
  });
});

describe("all and any", () => {
  it("tests for true members", () => {
    expect(call("all", [true, true])).toBe(true);
    expect(call("all", [true, 1])).toBe(false);
    expect(call("all", [])).toBe(true);
    expect(call("all", new RegoSet([true]))).toBe(true);
    expect(call("any", [false, true])).toBe(true);
    expect(call("any", [])).toBe(false);
    expect(call("any", new RegoSet([false]))).toBe(false);
    expect(call("any", new RegoSet([true, 1]))).toBe(true);
    expect(() => call("any", 1)).toThrow("operand 1 must be one of {array, set} but got number");
  });

  it("is deprecated", () => {
    const deprecated = aggregatesBuiltins.filter((d) => d.decl.deprecated).map((d) => d.decl.name);
    expect(deprecated.sort()).toEqual(["all", "any"]);
  });
});
