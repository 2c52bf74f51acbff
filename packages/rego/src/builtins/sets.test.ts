import { describe, expect, it } from "vitest";
import { RegoSet, type Value } from "../value/value.js";
import { OperandTypeError } from "./errors.js";
import { setsBuiltins } from "./sets.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]) => callBuiltin(setsBuiltins, name, ...args);
const members = (v: Value | undefined) => {
  expect(v).toBeInstanceOf(RegoSet);
  return (v as RegoSet).values();
};
const set = (...xs: Value[]) => new RegoSet(xs);

describe("sets", () => {
  it("intersects and unites two sets", () => {
    expect(members(call("and", set(1, 2, 3), set(2, 3, 4)))).toEqual([2, 3]);
    expect(members(call("and", set(1), set()))).toEqual([]);
    expect(members(call("or", set(1, 2), set(2, 3)))).toEqual([1, 2, 3]);
    expect(members(call("or", set(), set([1])))).toEqual([[1]]);
  });

  it("intersects and unites a set of sets", () => {
    expect(members(call("intersection", set(set(1, 2, 3), set(2, 3), set(3, 4))))).toEqual([3]);
    expect(members(call("intersection", set()))).toEqual([]);
    expect(members(call("intersection", set(set(1, 2))))).toEqual([1, 2]);
    expect(members(call("union", set(set(1, 2), set(2, 3), set())))).toEqual([1, 2, 3]);
    expect(members(call("union", set()))).toEqual([]);
  });

  it("takes the set difference (deprecated set_diff)", () => {
    expect(members(call("set_diff", set(1, 2, 3), set(2)))).toEqual([1, 3]);
    expect(setsBuiltins.find((d) => d.decl.name === "set_diff")?.decl.deprecated).toBe(true);
  });

  it("reports operand types", () => {
    expect(() => call("and", [1], set())).toThrow(new OperandTypeError(1, "must be set but got array"));
    expect(() => call("or", set(), 1)).toThrow("operand 2 must be set but got number");
    expect(() => call("union", [set()])).toThrow("operand 1 must be set but got array");
    expect(() => call("union", set(set(), 1))).toThrow("operand 1 must be set but got number");
    expect(() => call("intersection", set("a", set()))).toThrow("operand 1 must be set but got string");
  });

  it("declares the infix operators", () => {
    expect(setsBuiltins.filter((d) => d.decl.infix).map((d) => [d.decl.name, d.decl.infix])).toEqual([
      ["and", "&"],
      ["or", "|"],
    ]);
  });
});
