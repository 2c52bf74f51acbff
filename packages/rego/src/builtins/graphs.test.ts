import { describe, expect, it } from "vitest";
import { toJson } from "../value/json.js";
import { RegoSet, type Value } from "../value/value.js";
import { OperandTypeError } from "./errors.js";
import { graphsBuiltins } from "./graphs.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]) => callBuiltin(graphsBuiltins, name, ...args);
const set = (...xs: Value[]) => new RegoSet(xs);

describe("graph.reachable", () => {
  it("follows sets and arrays, ignoring unknown vertices", () => {
    const g = { a: set("b", "c"), b: set("d"), c: set("d"), d: set(), e: set("f"), f: set("e"), x: set("x") };
    expect(call("graph.reachable", g, set("b", "e"))).toEqual(set("b", "d", "e", "f"));
    expect(call("graph.reachable", { a: ["b"], b: ["c"], c: ["a"] }, ["a"])).toEqual(set("a", "b", "c"));
    expect(call("graph.reachable", {}, set("a"))).toEqual(set());
    expect(call("graph.reachable", { a: null }, ["a"])).toEqual(set("a"));
  });

  it("rejects bad operands", () => {
    expect(() => call("graph.reachable", 1, [1])).toThrow(OperandTypeError);
    expect(() => call("graph.reachable", { a: [] }, "a")).toThrow(
      "operand 2 must be one of {array, set} but got string",
    );
  });
});

describe("graph.reachable_paths", () => {
  it("lists maximal paths, stopping at cycles and unknown vertices", () => {
    const paths = (graph: Value, from: Value): Value | undefined => {
      const r = call("graph.reachable_paths", graph, from);
      return r === undefined ? undefined : toJson(r);
    };
    expect(paths({ a: ["b", "c"], b: ["c"], c: [] }, set("a"))).toEqual([
      ["a", "b", "c"],
      ["a", "c"],
    ]);
    expect(paths({ a: set("b"), b: set("c"), c: set("a") }, set("a"))).toEqual([["a", "b", "c"]]);
    expect(paths({ a: ["b"], b: ["nonexistent"] }, set("a", "b"))).toEqual([["a", "b"], ["b"]]);
    expect(paths({ 1: [], 2: ["1"], 3: ["2"], 4: ["3", "2"], 5: ["4"] }, ["5"])).toEqual([
      ["5", "4", "2", "1"],
      ["5", "4", "3", "2", "1"],
    ]);
  });
});

describe("walk", () => {
  it("yields [path, value] pairs pre-order", () => {
    expect(call("walk", { b: [1], a: set("x") })).toEqual([
      [[], { b: [1], a: set("x") }],
      [["a"], set("x")],
      [["a", "x"], "x"],
      [["b"], [1]],
      [["b", 0], 1],
    ]);
    expect(call("walk", 3)).toEqual([[[], 3]]);
  });

  it("is declared as a relation", () => {
    expect(graphsBuiltins.find((d) => d.decl.name === "walk")?.decl.relation).toBe(true);
  });
});
