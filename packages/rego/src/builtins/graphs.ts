import {
  isArray,
  isObject,
  objectEntries,
  objectGet,
  RegoSet,
  typeName,
  type Value,
} from "../value/value.js";
import { argObject } from "./args.js";
import { OperandTypeError } from "./errors.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

function vertices(v: Value | undefined): readonly Value[] {
  if (isArray(v)) return v;
  if (v instanceof RegoSet) return v.values();
  return [];
}

function initial(args: readonly Value[]): readonly Value[] {
  const v = args[1] ?? null;
  if (!isArray(v) && !(v instanceof RegoSet)) throw OperandTypeError.mustBe(2, typeName(v), "array", "set");
  return vertices(v);
}

function reachable(args: readonly Value[]): Value {
  const graph = argObject(args, 0);
  const queue = [...initial(args)];
  const reached = new RegoSet();
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as Value;
    const edges = objectGet(graph, node);
    if (edges === undefined) continue;
    for (const n of vertices(edges)) if (!reached.has(n)) queue.push(n);
    reached.add(node);
  }
  return reached;
}

function reachablePaths(args: readonly Value[]): Value {
  const graph = argObject(args, 0);
  const result = new RegoSet();
  const walkFrom = (node: Value, path: readonly Value[], seen: RegoSet): void => {
    const edges = objectGet(graph, node);
    if (edges === undefined) {
      result.add([...path]);
      return;
    }
    const here = [...path, node];
    const next = vertices(edges);
    if (next.length === 0) {
      result.add(here);
      return;
    }
    const reached = new RegoSet(seen);
    reached.add(node);
    for (const n of next) {
      if (reached.has(n)) result.add(here);
      else walkFrom(n, here, reached);
    }
  };
  for (const node of initial(args)) {
    const edges = objectGet(graph, node);
    if (edges === undefined) continue;
    const next = vertices(edges);
    if (next.length === 0) result.add([node]);
    else for (const n of next) walkFrom(n, [node], new RegoSet([node]));
  }
  return result;
}

/**
 * `walk(x)`: every `[path, value]` pair of `x`, pre-order, children in sorted key order (sets by
 * member, arrays by index), as OPA yields them.
 */
function walk(args: readonly Value[]): Value {
  const out: Value[] = [];
  const visit = (path: Value[], v: Value): void => {
    out.push([[...path], v]);
    if (isArray(v)) {
      for (let i = 0; i < v.length; i++) visit([...path, i], v[i] as Value);
    } else if (v instanceof RegoSet) for (const m of v.values()) visit([...path, m], m);
    else if (isObject(v)) for (const [k, x] of objectEntries(v)) visit([...path, k], x);
  };
  visit([], args[0] ?? null);
  return out;
}

const GRAPH = T.objectOf(T.any, T.anyOf(T.setOf(T.any), T.arrayOf(T.any)));
const VERTICES = T.anyOf(T.setOf(T.any), T.arrayOf(T.any));

/** `graph.reachable`, `graph.reachable_paths` and the `walk` relation. */
export const graphsBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl(
      "walk",
      [p("x", T.any, "value to walk")],
      p(
        "output",
        T.arrayOf(T.any),
        "pairs of `path` and `value`: `path` is an array representing the pointer to `value` in `x`.",
      ),
      { relation: true },
    ),
    impl: walk,
  },
  {
    decl: decl(
      "graph.reachable",
      [
        p("graph", GRAPH, "object containing a set or array of neighboring vertices"),
        p("initial", VERTICES, "set or array of root vertices"),
      ],
      p(
        "output",
        T.setOf(T.any),
        "set of vertices reachable from the `initial` vertices in the directed `graph`",
      ),
    ),
    impl: reachable,
  },
  {
    decl: decl(
      "graph.reachable_paths",
      [
        p("graph", GRAPH, "object containing a set or array of root vertices"),
        p("initial", VERTICES, "initial paths"),
      ],
      p(
        "output",
        T.setOf(T.arrayOf(T.any)),
        "paths reachable from the `initial` vertices in the directed `graph`",
      ),
    ),
    impl: reachablePaths,
  },
];
