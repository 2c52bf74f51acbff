import { describe, expect, it } from "vitest";
import type { Value } from "../value/value.js";
import { BuiltinError, BuiltinHaltError, OperandTypeError } from "./errors.js";
import { numbersBuiltins } from "./numbers.js";
import { callBuiltin, testContext } from "./test-context.js";

const call = (name: string, ...args: Value[]) => callBuiltin(numbersBuiltins, name, ...args);

describe("numbers.range", () => {
  it("counts up or down, inclusive", () => {
    expect(call("numbers.range", 0, 0)).toEqual([0]);
    expect(call("numbers.range", -2, 3)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(call("numbers.range", 2, -3)).toEqual([2, 1, 0, -1, -2, -3]);
    expect(call("numbers.range", 5, 2)).toEqual([5, 4, 3, 2]);
    expect(call("numbers.range", 49649733057, 49649733060)).toEqual([
      49649733057, 49649733058, 49649733059, 49649733060,
    ]);
  });

  it("handles big integers exactly", () => {
    expect(call("numbers.range", 9007199254740991, 9007199254740993n)).toEqual([
      9007199254740991,
      9007199254740992n,
      9007199254740993n,
    ]);
  });

  it("stops, as OPA does, when the query is cancelled or past its deadline", () => {
    const range = numbersBuiltins.find((d) => d.decl.name === "numbers.range");
    const ctx = testContext({ cancelled: () => true });
    const halted = (): unknown => range?.impl([1, 10_000_000], ctx);
    expect(halted).toThrow(BuiltinHaltError);
    expect(halted).toThrow("timed out before generating all numbers in range");
    expect(range?.impl([1, 100], ctx)).toHaveLength(100);
  });

  it("requires integers", () => {
    expect(() => call("numbers.range", 3.14, 4)).toThrow(
      new OperandTypeError(1, "must be integer number but got floating-point number"),
    );
    expect(() => call("numbers.range", 3, 3.14)).toThrow(
      "operand 2 must be integer number but got floating-point number",
    );
    expect(() => call("numbers.range", "a", 3)).toThrow("operand 1 must be integer but got string");
  });
});

describe("numbers.range_step", () => {
  it("steps up or down and stops before passing the end", () => {
    expect(call("numbers.range_step", 0, 10, 2)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(call("numbers.range_step", 0, -10, 2)).toEqual([0, -2, -4, -6, -8, -10]);
    expect(call("numbers.range_step", 10, 3, 2)).toEqual([10, 8, 6, 4]);
    expect(call("numbers.range_step", 1024, 4096, 1024)).toEqual([1024, 2048, 3072, 4096]);
    expect(call("numbers.range_step", 2, 2, 2)).toEqual([2]);
    expect(call("numbers.range_step", 2, 5, 2)).toEqual([2, 4]);
    expect(call("numbers.range_step", 0, 10, 99999999999999999999n)).toEqual([0]);
  });

  it("requires a positive step", () => {
    expect(() => call("numbers.range_step", 0, 10, -2)).toThrow(
      new BuiltinError("step must be a positive integer"),
    );
    expect(() => call("numbers.range_step", 0, 10, 0)).toThrow(BuiltinError);
    expect(() => call("numbers.range_step", 0, 10, 1.5)).toThrow(
      "operand 3 must be integer number but got floating-point number",
    );
  });
});
