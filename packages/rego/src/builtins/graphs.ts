import {
  canonicalKey,
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

/**
 * `graph.reachable_paths`: from each initial vertex, every path that cannot go on (its last vertex
 * has no edges or only edges back onto the path); a vertex without an entry in the graph ends the
 * path before it. Depth first with the path and its vertices kept as a stack, so that a path as
 * long as the graph neither copies itself at each step nor uses the call stack.
 */
function reachablePaths(args: readonly Value[]): Value {
  const graph = argObject(args, 0);
  const result = new RegoSet();
  for (const start of initial(args)) {
    const edges = objectGet(graph, start);
    if (edges === undefined) continue;
    const first = vertices(edges);
    if (first.length === 0) {
      result.add([start]);
      continue;
    }
    const path: Value[] = [start];
    const onPath = new PathVertices();
    onPath.add(start);
    // Each frame walks the edges of the path's vertex at its depth; the first frame's neighbours
    // are followed even when already on the path (a vertex's edge to itself included).
    const frames: EdgeFrame[] = [{ next: first, at: 0 }];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as EdgeFrame;
      if (frame.at === frame.next.length) {
        frames.pop();
        onPath.remove(path.pop() ?? null);
        continue;
      }
      const n = frame.next[frame.at++] as Value;
      if (frames.length > 1 && onPath.has(n)) {
        result.add([...path]);
        continue;
      }
      const nEdges = objectGet(graph, n);
      if (nEdges === undefined) {
        result.add([...path]);
        continue;
      }
      const next = vertices(nEdges);
      if (next.length === 0) {
        result.add([...path, n]);
        continue;
      }
      path.push(n);
      onPath.add(n);
      frames.push({ next, at: 0 });
    }
  }
  return result;
}

/** The edges of one vertex on the path, and how many of them have been followed. */
interface EdgeFrame {
  readonly next: readonly Value[];
  at: number;
}

/** The vertices on a path, counted (a path may hold its first vertex twice). */
class PathVertices {
  private readonly counts = new Map<string, number>();

  add(v: Value): void {
    const k = canonicalKey(v);
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }

  remove(v: Value): void {
    const k = canonicalKey(v);
    const n = (this.counts.get(k) ?? 0) - 1;
    if (n > 0) this.counts.set(k, n);
    else this.counts.delete(k);
  }

  has(v: Value): boolean {
    return this.counts.has(canonicalKey(v));
  }
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
