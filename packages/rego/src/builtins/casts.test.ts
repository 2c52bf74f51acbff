import { describe, expect, it } from "vitest";
import { RegoSet, type Value } from "../value/value.js";
import { castsBuiltins } from "./casts.js";
import { BuiltinError, OperandTypeError } from "./errors.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]): Value | undefined => callBuiltin(castsBuiltins, name, ...args);

describe("casts", () => {
  it("to_number converts as OPA does", () => {
    expect(call("to_number", "-42.0")).toBe(-42);
    expect(call("to_number", false)).toBe(0);
    expect(call("to_number", true)).toBe(1);
    expect(call("to_number", null)).toBe(0);
    expect(call("to_number", 100.1)).toBe(100.1);
    expect(call("to_number", "1e3")).toBe(1000);
    expect(call("to_number", ".5")).toBe(0.5);
    expect(call("to_number", "+7")).toBe(7);
    expect(call("to_number", "1_000")).toBe(1000);
    expect(call("to_number", "0x1p-2")).toBe(0.25);
    expect(call("to_number", "123456789012345678901234567890")).toBe(123456789012345678901234567890n);
    expect(() => call("to_number", "broken")).toThrow('strconv.ParseFloat: parsing "broken": invalid syntax');
    expect(() => call("to_number", " 1")).toThrow(BuiltinError);
    expect(() => call("to_number", "1e400")).toThrow("value out of range");
    for (const s of ["nan", "-inf", "Infinity", "+-iNf", "-NaN"]) {
      expect(() => call("to_number", s)).toThrow("operand 1 must be valid number string but got string");
    }
    expect(() => call("to_number", [])).toThrow(
      "operand 1 must be one of {null, boolean, number, string} but got array",
    );
  });

  it("deprecated casts check their operand", () => {
    expect(call("cast_array", new RegoSet([2, 1]))).toEqual([1, 2]);
    expect(call("cast_set", [1, 1, 2])).toEqual(new RegoSet([1, 2]));
    expect(call("cast_string", "a")).toBe("a");
    expect(call("cast_boolean", true)).toBe(true);
    expect(call("cast_null", null)).toBe(null);
    expect(call("cast_object", { a: 1 })).toEqual({ a: 1 });
    expect(() => call("cast_string", 1)).toThrow("operand 1 must be string but got number");
    expect(() => call("cast_object", [])).toThrow(OperandTypeError);
    expect(castsBuiltins.filter((d) => d.decl.deprecated).map((d) => d.decl.name)).toHaveLength(6);
  });
});
