import fc from "fast-check";
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

/** graph.reachable_paths said recursively, each step with its own copy of the path and its vertices. */
function reachablePathsSpec(graph: Record<string, string[]>, initial: readonly string[]): RegoSet {
  const result = new RegoSet();
  const walkFrom = (node: string, path: readonly string[], seen: ReadonlySet<string>): void => {
    const edges = graph[node];
    if (edges === undefined) return void result.add([...path]);
    const here = [...path, node];
    if (edges.length === 0) return void result.add(here);
    const reached = new Set([...seen, node]);
    for (const n of edges) {
      if (reached.has(n)) result.add(here);
      else walkFrom(n, here, reached);
    }
  };
  for (const node of initial) {
    const edges = graph[node];
    if (edges === undefined) continue;
    if (edges.length === 0) result.add([node]);
    else for (const n of edges) walkFrom(n, [node], new Set([node]));
  }
  return result;
}

describe("graph.reachable_paths on arbitrary graphs", () => {
  const vertex = fc.constantFrom("a", "b", "c", "d", "e");
  const graph = fc.dictionary(vertex, fc.array(vertex, { maxLength: 3 }), { maxKeys: 5 });

  it("gives every path the recursive definition gives", () => {
    fc.assert(
      fc.property(graph, fc.array(vertex, { maxLength: 3 }), (g, initial) => {
        const paths = call("graph.reachable_paths", g, initial) as RegoSet;
        expect(paths.values()).toEqual(reachablePathsSpec(g, initial).values());
      }),
      { numRuns: 3000 },
    );
  });

  it("follows a path as long as the graph without the call stack", () => {
    const n = 50_000;
    const chain: Record<string, string[]> = {};
    for (let i = 0; i < n; i++) chain[String(i)] = [String(i + 1)];
    const paths = call("graph.reachable_paths", chain, ["0"]) as RegoSet;
    expect(paths.size).toBe(1);
    expect((paths.values()[0] as string[]).length).toBe(n);
  });
});
