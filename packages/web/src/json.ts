import type { JsonObject } from "./api-types.js";

// @portcullis/constraint has readers like these, but importing them bundles the whole framework
// into the page (1.3 MB minified, against 23 KB for the dashboard).

/** True for a non-null, non-array object. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True for an array whose items are all objects (a list of records an answer carries). */
export function isObjectList(v: unknown): v is readonly JsonObject[] {
  return Array.isArray(v) && v.every(isObject);
}

/** Follows a path of keys through nested objects; undefined where one is missing. */
export function pathAt(v: unknown, ...path: readonly string[]): unknown {
  let cur = v;
  for (const key of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** `v[key]` when it is a string, else undefined. */
export function stringAt(v: unknown, key: string): string | undefined {
  const s = pathAt(v, key);
  return typeof s === "string" ? s : undefined;
}

/** `v[key]` when it is an array, else an empty list. */
export function arrayAt(v: unknown, key: string): readonly unknown[] {
  const a = pathAt(v, key);
  return Array.isArray(a) ? a : [];
}

/** Indented JSON for display; `undefined` (absent) shows as nothing. */
export function prettyJson(v: unknown): string {
  return v === undefined ? "" : JSON.stringify(v, null, 2);
}
