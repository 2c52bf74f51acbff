import { isPlainObject, RegoObject, RegoSet, sortedKeys, type Value } from "../../value/value.js";
import { GqlFailure } from "./gql-error.js";

/**
 * Go's `encoding/json` decoding rules, applied to Rego values the way OPA round-trips AST objects
 * through JSON into gqlparser's structs: null leaves the zero value, a wrong JSON type fails, unknown
 * keys are ignored, and keys match field names exactly or else case-insensitively.
 */
export function decodeFailure(v: Value, goType: string): GqlFailure {
  return new GqlFailure("decode", [
    { message: `json: cannot unmarshal ${jsonType(v)} into Go value of type ${goType}`, pos: undefined },
  ]);
}

function jsonType(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number" || typeof v === "bigint") return `number ${v.toString()}`;
  if (typeof v === "string") return "string";
  if (Array.isArray(v) || v instanceof RegoSet) return "array";
  return "object";
}

/** A Go string field. */
export function goString(v: Value, current: string): string {
  if (v === null) return current;
  if (typeof v !== "string") throw decodeFailure(v, "string");
  return v;
}

/** A Go int field. */
export function goInt(v: Value, current: number): number {
  if (v === null) return current;
  if (typeof v === "bigint") {
    if (v < -(2n ** 63n) || v >= 2n ** 63n) throw decodeFailure(v, "int");
    return Number(v);
  }
  if (typeof v !== "number" || !Number.isInteger(v)) throw decodeFailure(v, "int");
  return v;
}

/** A Go bool field. */
export function goBool(v: Value, current: boolean): boolean {
  if (v === null) return current;
  if (typeof v !== "boolean") throw decodeFailure(v, "bool");
  return v;
}

/** A Go slice: null is empty; null elements (nil pointers) are dropped, as OPA's pruning would. */
export function goSlice<T>(v: Value, goType: string, elem: (x: Value) => T | null): T[] {
  if (v === null) return [];
  const items = Array.isArray(v) ? v : v instanceof RegoSet ? v.values() : undefined;
  if (items === undefined) throw decodeFailure(v, goType);
  const out: T[] = [];
  for (const x of items) {
    const d = elem(x);
    if (d !== null) out.push(d);
  }
  return out;
}

/** A Go pointer to a struct: null is nil. */
export function goPointer<T>(v: Value, decode: (x: Value) => T): T | null {
  return v === null ? null : decode(v);
}

/**
 * The entries of a JSON object that land on a struct's fields, in JSON key order, each with the
 * field's name. `exact` is for gqlparser's hand-written decoders, which match names exactly.
 */
export function structEntries(
  v: Value,
  goType: string,
  fields: readonly string[],
  exact = false,
): [string, Value][] {
  if (!isPlainObject(v) || v instanceof RegoObject) throw decodeFailure(v, goType);
  const out: [string, Value][] = [];
  for (const key of sortedKeys(v)) {
    const field = fields.includes(key)
      ? key
      : exact
        ? undefined
        : fields.find((f) => f.toLowerCase() === key.toLowerCase());
    const x = v[key];
    if (field !== undefined && x !== undefined) out.push([field, x]);
  }
  return out;
}
