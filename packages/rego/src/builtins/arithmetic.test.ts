import { describe, expect, it } from "vitest";
import { RegoSet, type Value } from "../value/value.js";
import { arithmeticBuiltins } from "./arithmetic.js";
import { BuiltinError, OperandTypeError } from "./errors.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]) => callBuiltin(arithmeticBuiltins, name, ...args);

describe("arithmetic", () => {
  it("adds, subtracts and multiplies integers exactly", () => {
    expect(call("plus", 1, 2)).toBe(3);
    expect(call("minus", 1, 2)).toBe(-1);
    expect(call("mul", 3, 4)).toBe(12);
    expect(call("plus", 49649733057, 1)).toBe(49649733058);
    expect(call("mul", 0, -5)).toBe(0);
    expect(Object.is(call("mul", 0, -5), -0)).toBe(false);
  });

  it("keeps big integers exact", () => {
    expect(call("plus", 18446744073709551617n, 1)).toBe(18446744073709551618n);
    expect(call("minus", 18446744073709551617n, 1)).toBe(18446744073709551616n);
    expect(call("mul", 18446744073709551617n, 2)).toBe(36893488147419103234n);
    expect(call("plus", 123456789012345678901234567890n, 1)).toBe(123456789012345678901234567891n);
    expect(call("minus", -18446744073709551617n, 1)).toBe(-18446744073709551618n);
    expect(call("plus", 9007199254740991, 1)).toBe(9007199254740992n);
    expect(call("minus", 9007199254740992n, 1)).toBe(9007199254740991);
    expect(call("mul", 9223372036854775807n, 1)).toBe(9223372036854775807n);
  });

  it("crosses the int32 and int64 edges exactly", () => {
    expect(call("plus", 2147483647, 1)).toBe(2147483648);
    expect(call("minus", -2147483648, 1)).toBe(-2147483649);
    expect(call("mul", 2147483647, 2147483647)).toBe(4611686014132420609n);
    expect(call("mul", -2147483648, -2147483648)).toBe(4611686018427387904n);
    expect(call("plus", 9223372036854775807n, 1)).toBe(9223372036854775808n);
    expect(call("plus", 1e30, 1)).toBe(1000000000000000000000000000001n);
    expect(call("plus", 10.0, 5)).toBe(15);
    expect(call("abs", -2147483648)).toBe(2147483648);
    expect(call("abs", -9223372036854775808n)).toBe(9223372036854775808n);
    expect(call("round", 2.5)).toBe(3);
    expect(call("round", -5)).toBe(-5);
    expect(call("div", -6, 3)).toBe(-2);
    expect(call("div", 1, 4)).toBe(0.25);
    expect(call("div", 0, 5)).toBe(0);
    expect(() => call("div", 1, 0.0)).toThrow("divide by zero");
    expect(call("rem", -17, 5)).toBe(-2);
    expect(call("rem", 17, -5)).toBe(2);
    expect(call("rem", 4.0, 3)).toBe(1);
  });

  it("computes floats with 64-bit mantissas, as OPA's big.Float", () => {
    expect(call("plus", 1.5, 2.5)).toBe(4);
    expect(call("plus", 1, 2.5)).toBe(3.5);
    expect(call("mul", 2.5, 2)).toBe(5);
    expect(call("plus", 0.1, 0.2)).toBe(0.3);
    expect(call("minus", 0.3, 0.1)).toBe(0.2);
    expect(call("mul", 1.1, 1.1)).toBe(1.21);
  });

  it("divides", () => {
    expect(call("div", 6, 3)).toBe(2);
    expect(call("div", 7, 2)).toBe(3.5);
    expect(call("div", 1, 3)).toBe(1 / 3);
    expect(call("div", 10, 4)).toBe(2.5);
    expect(call("div", 1, 0.5)).toBe(2);
    expect(() => call("div", 1, 0)).toThrow(new BuiltinError("divide by zero"));
    expect(() => call("div", 1.5, 0)).toThrow(BuiltinError);
    // Big quotients go through 64-bit floats and print with the fewest digits.
    expect(call("div", 2n ** 70n, 2)).toBe(590295810358705651700n);
  });

  it("takes remainders of integers", () => {
    expect(call("rem", 7, 4)).toBe(3);
    expect(call("rem", -7, 4)).toBe(-3);
    expect(call("rem", -4, 2)).toBe(0);
    expect(Object.is(call("rem", -4, 2), -0)).toBe(false);
    expect(() => call("rem", 7, 0)).toThrow(new BuiltinError("modulo by zero"));
    expect(() => call("rem", 1.1, 1)).toThrow(new BuiltinError("modulo on floating-point number"));
    expect(() => call("rem", 1.5, 0)).toThrow(new BuiltinError("modulo on floating-point number"));
  });

  it("takes remainders of big integers", () => {
    expect(call("rem", 10, 18446744073709551616n)).toBe(10);
    expect(call("rem", 5, 55340232221128654848n)).toBe(5);
    expect(call("rem", 7, 340282366920938463463374607431768211456n)).toBe(7);
    expect(call("rem", 100, -18446744073709551616n)).toBe(100);
    expect(call("rem", 18446744073709551617n, 18446744073709551616n)).toBe(1);
    expect(call("rem", 10, 18446744073709551617n)).toBe(10);
    expect(() => call("rem", 18446744073709551617n, 0)).toThrow(new BuiltinError("modulo by zero"));
  });

  it("computes abs, round, ceil and floor", () => {
    expect(call("abs", -10)).toBe(10);
    expect(call("abs", -1.5)).toBe(1.5);
    expect(call("abs", -18446744073709551616n)).toBe(18446744073709551616n);
    expect(call("round", 1.5)).toBe(2);
    expect(call("round", -1.5)).toBe(-2);
    expect(call("round", 2.4)).toBe(2);
    expect(call("round", -2.5)).toBe(-3);
    expect(call("round", 0.49999999999999994)).toBe(0);
    expect(call("ceil", 1.01)).toBe(2);
    expect(call("ceil", 1.5)).toBe(2);
    expect(call("ceil", 2222.2222222222)).toBe(2223);
    expect(call("ceil", 1)).toBe(1);
    expect(call("ceil", -1.99999)).toBe(-1);
    expect(call("floor", 1.01)).toBe(1);
    expect(call("floor", 99.99999)).toBe(99);
    expect(call("floor", -1.001)).toBe(-2);
    expect(call("floor", 1)).toBe(1);
  });

  it("keeps OPA's rounding of numbers between -1 and 0", () => {
    expect(call("ceil", -0.5)).toBe(1);
    expect(call("floor", -0.5)).toBe(0);
  });

  it("subtracts sets", () => {
    const d = call("minus", new RegoSet([1, 2, 3]), new RegoSet([2, 4]));
    expect(d).toBeInstanceOf(RegoSet);
    expect((d as RegoSet).values()).toEqual([1, 3]);
  });

  it("reports operand types as OPA does", () => {
    expect(() => call("minus", new RegoSet([1]), 1)).toThrow(
      new OperandTypeError(2, "must be set but got number"),
    );
    expect(() => call("minus", 1, new RegoSet([1]))).toThrow("operand 2 must be number but got set");
    expect(() => call("minus", "a", 1)).toThrow("operand 1 must be one of {number, set} but got string");
    expect(() => call("plus", "a", 1)).toThrow("operand 1 must be number but got string");
    expect(() => call("mul", 1, null)).toThrow("operand 2 must be number but got null");
    expect(() => call("rem", 1, "x")).toThrow("operand 2 must be number but got string");
    expect(() => call("abs", [])).toThrow("operand 1 must be number but got array");
  });

  it("declares the infix operators", () => {
    const infix = Object.fromEntries(arithmeticBuiltins.map((d) => [d.decl.name, d.decl.infix]));
    expect(infix).toMatchObject({ plus: "+", minus: "-", mul: "*", div: "/", rem: "%" });
  });
});
