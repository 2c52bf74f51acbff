import { isArray, objectGet, RegoSet, type Value } from "../value/value.js";

/** Indexes one step into a value; undefined when there is nothing there. */
export function lookup(v: Value, key: Value): Value | undefined {
  if (isArray(v)) {
    if (typeof key !== "number" || !Number.isInteger(key) || key < 0) return undefined;
    return v[key];
  }
  if (v instanceof RegoSet) return v.find(key) !== undefined ? key : undefined;
  if (typeof v === "object" && v !== null) return objectGet(v, key);
  return undefined;
}
