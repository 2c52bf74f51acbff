import type { JsonObject } from "./admission-review.js";

/** True for a JSON object (not an array, not null). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The string at `key` of an object; "" when `o` is no object or the field is no string. */
export function stringField(o: unknown, key: string): string {
  if (!isJsonObject(o)) return "";
  const v = o[key];
  return typeof v === "string" ? v : "";
}
