import {
  canonicalKey,
  isArray,
  ObjectBuilder,
  objectEntries,
  RegoSet,
  typeName,
  type Value,
} from "../../value/value.js";
import { OperandTypeError } from "../errors.js";

/**
 * JSON paths as `json.filter`, `json.remove` and `json.patch` take them: `"a/b/~1c"` strings
 * (leading slashes ignored, `~1` and `~0` unescaped) or arrays of segments; and the path tree
 * OPA builds from a list of paths (a shorter path wins over longer ones below it).
 */

/** A path tree node: `null` marks the end of a path; otherwise children by canonical key. */
export type PathTree = null | Map<string, PathTree>;

/** Canonical lookup key of a path segment or object key. */
export function segmentKey(v: Value): string {
  return typeof v === "string" ? `s${v}` : canonicalKey(v);
}

/** OPA's `parsePath`. */
export function parsePath(path: Value): Value[] {
  if (typeof path === "string") {
    if (path === "") return [];
    return path
      .replace(/^\/+/, "")
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
  }
  if (isArray(path)) return [...path];
  throw new OperandTypeError(
    2,
    `must be one of {set, array} containing string paths or array of path segments but got ${typeName(path)}`,
  );
}

/** OPA's `getJSONPaths`: the paths of operand 2 (an array or set). */
export function jsonPaths(operand: Value): Value[][] {
  if (isArray(operand)) return operand.map(parsePath);
  if (operand instanceof RegoSet) return operand.values().map(parsePath);
  throw OperandTypeError.mustBe(2, typeName(operand), "set", "array");
}

/** OPA's `pathsToObject`. */
export function pathTree(paths: readonly Value[][]): Map<string, PathTree> {
  const root = new Map<string, PathTree>();
  for (const path of paths) {
    if (path.length === 0) continue;
    let node = root;
    let done = false;
    for (let i = 0; i < path.length - 1 && !done; i++) {
      const k = segmentKey(path[i] as Value);
      const child = node.get(k);
      if (child === undefined) {
        const next = new Map<string, PathTree>();
        node.set(k, next);
        node = next;
      } else if (child === null) done = true;
      else node = child;
    }
    if (!done) node.set(segmentKey(path[path.length - 1] as Value), null);
  }
  return root;
}

/** OPA's `filterObject`: keeps only what the tree selects. */
export function filterByTree(o: Value, tree: PathTree): Value {
  if (tree === null || o === null || typeof o !== "object") return o;
  if (isArray(o)) {
    const out: Value[] = [];
    o.forEach((x, i) => {
      const sub = tree.get(segmentKey(String(i)));
      if (sub !== undefined) out.push(filterByTree(x, sub));
    });
    return out;
  }
  if (o instanceof RegoSet) {
    const out = new RegoSet();
    for (const x of o) {
      const sub = tree.get(segmentKey(x));
      if (sub !== undefined) out.add(filterByTree(x, sub));
    }
    return out;
  }
  const b = new ObjectBuilder();
  for (const [k, x] of objectEntries(o)) {
    const sub = tree.get(segmentKey(k));
    if (sub !== undefined) b.set(k, filterByTree(x, sub));
  }
  return b.build();
}

/** OPA's `jsonRemove`: drops what the tree selects; undefined when the value itself goes. */
export function removeByTree(a: Value, tree: PathTree | undefined): Value | undefined {
  if (tree === undefined) return a;
  if (tree === null) return undefined;
  if (a === null || typeof a !== "object") return a;
  if (isArray(a)) {
    const out: Value[] = [];
    a.forEach((x, i) => {
      const d = removeByTree(x, tree.get(segmentKey(String(i))));
      if (d !== undefined) out.push(d);
    });
    return out;
  }
  if (a instanceof RegoSet) {
    const out = new RegoSet();
    for (const x of a) {
      const d = removeByTree(x, tree.get(segmentKey(x)));
      if (d !== undefined) out.add(d);
    }
    return out;
  }
  const b = new ObjectBuilder();
  for (const [k, x] of objectEntries(a)) {
    const d = removeByTree(x, tree.get(segmentKey(k)));
    if (d !== undefined) b.set(k, d);
  }
  return b.build();
}
