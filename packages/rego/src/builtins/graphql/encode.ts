import type { PlainObject, Value } from "../../value/value.js";

/**
 * Encodes an AST node as OPA returns it: the Go struct's JSON with `Position` dropped, and nulls,
 * empty arrays and empty objects removed at every level (after their own pruning).
 */
export function encodeAst(node: object): Value {
  return encodeObject(node);
}

function encode(x: unknown): Value | undefined {
  if (x === null || x === undefined) return undefined;
  if (typeof x === "string" || typeof x === "boolean" || typeof x === "number") return x;
  if (Array.isArray(x)) {
    const out: Value[] = [];
    for (const e of x) {
      const v = encode(e);
      if (v !== undefined && !isEmpty(v)) out.push(v);
    }
    return out;
  }
  if (typeof x === "object") return encodeObject(x);
  return undefined;
}

function encodeObject(x: object): PlainObject {
  const out: Record<string, Value> = {};
  for (const [k, e] of Object.entries(x)) {
    if (k === "Position") continue;
    const v = encode(e);
    if (v !== undefined && !isEmpty(v)) out[k] = v;
  }
  return out;
}

function isEmpty(v: Value): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "object" && v !== null && Object.keys(v).length === 0;
}
