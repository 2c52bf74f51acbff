import { parseNumber } from "./number.js";
import { isArray, ObjectBuilder, objectEntries, RegoSet, type Value } from "./value.js";

/** A JSON value, with bigint for integers beyond 2^53. */
export type JsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * Converts a Rego value to JSON as OPA does for results: sets become sorted arrays, non-string
 * object keys become their Rego text.
 */
export function toJson(v: Value): JsonValue {
  if (v === null || typeof v !== "object") return v;
  if (isArray(v)) return v.map(toJson);
  if (v instanceof RegoSet) return v.values().map(toJson);
  const out: { [key: string]: JsonValue } = {};
  for (const [k, x] of objectEntries(v)) {
    const key = typeof k === "string" ? k : stringifyJson(k);
    Object.defineProperty(out, key, {
      value: toJson(x),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** JSON text of a value (big integers printed exactly). */
export function stringifyJson(v: Value, indent?: number): string {
  const text = JSON.stringify(
    toJson(v),
    (_k, x: unknown) => (typeof x === "bigint" ? `\u0000big:${x.toString()}` : x),
    indent,
  );
  return text.replace(/"\\u0000big:(-?\d+)"/g, "$1");
}

/**
 * Converts a JS value (from JSON or YAML parsers) to a Rego value. Plain objects and arrays are
 * kept as they are when they hold only JSON values; bigints are normalized; Maps become objects.
 */
export function fromJs(x: unknown): Value {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case "boolean":
    case "string":
      return x;
    case "number":
      return x;
    case "bigint":
      return parseNumber(x.toString());
    case "object": {
      if (Array.isArray(x)) return x.map(fromJs);
      if (x instanceof Map) {
        const b = new ObjectBuilder();
        for (const [k, v] of x) b.set(fromJs(k), fromJs(v));
        return b.build();
      }
      if (x instanceof Set) return new RegoSet([...x].map(fromJs));
      const b = new ObjectBuilder();
      for (const k of Object.keys(x)) b.set(k, fromJs((x as Record<string, unknown>)[k]));
      return b.build();
    }
    default:
      return null;
  }
}
