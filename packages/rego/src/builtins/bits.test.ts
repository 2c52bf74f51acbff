import { describe, expect, it } from "vitest";
import type { Value } from "../value/value.js";
import { bitsBuiltins } from "./bits.js";
import { OperandTypeError } from "./errors.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]) => callBuiltin(bitsBuiltins, name, ...args);

describe("bits", () => {
  it("computes or, and, xor and negate", () => {
    expect(call("bits.or", 7, 9)).toBe(15);
    expect(call("bits.or", 50, 0)).toBe(50);
    expect(call("bits.and", 12, 10)).toBe(8);
    expect(call("bits.xor", 42, 3)).toBe(41);
    expect(call("bits.xor", 42, 42)).toBe(0);
    expect(call("bits.negate", 42)).toBe(-43);
    expect(call("bits.negate", -1)).toBe(0);
  });

  it("works past 32 bits and on big integers", () => {
    expect(call("bits.or", 2 ** 40, 1)).toBe(2 ** 40 + 1);
    expect(call("bits.and", -1, 2 ** 40)).toBe(2 ** 40);
    expect(call("bits.xor", 2n ** 64n, 1)).toBe(2n ** 64n + 1n);
    expect(call("bits.negate", 2n ** 64n)).toBe(-(2n ** 64n) - 1n);
    expect(call("bits.negate", -9007199254740992n)).toBe(9007199254740991);
  });

  it("shifts", () => {
    expect(call("bits.lsh", 1, 3)).toBe(8);
    expect(call("bits.lsh", 2147483647, 1)).toBe(4294967294);
    expect(call("bits.lsh", 9223372036854775807n, 1)).toBe(18446744073709551614n);
    expect(call("bits.rsh", 8, 3)).toBe(1);
    expect(call("bits.rsh", -8, 1)).toBe(-4);
    expect(call("bits.rsh", -1, 100)).toBe(-1);
    expect(call("bits.rsh", 2n ** 64n, 64)).toBe(1);
  });

  it("requires integers and unsigned shifts", () => {
    expect(() => call("bits.negate", 7.2)).toThrow(
      new OperandTypeError(1, "must be integer number but got floating-point number"),
    );
    expect(() => call("bits.or", 7.2, 42)).toThrow(
      "operand 1 must be integer number but got floating-point number",
    );
    expect(() => call("bits.xor", 1, 4.5)).toThrow(
      "operand 2 must be integer number but got floating-point number",
    );
    expect(() => call("bits.lsh", 7.2, 42)).toThrow(
      "operand 1 must be integer number but got floating-point number",
    );
    expect(() => call("bits.lsh", 7, -1)).toThrow(
      "operand 2 must be an unsigned integer number but got a negative integer",
    );
    expect(() => call("bits.and", "a", 1)).toThrow("operand 1 must be integer but got string");
  });
});
