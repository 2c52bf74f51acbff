/**
 * Why constraint parameters are copied with internalized strings: a string that is not
 * internalized becomes a "thin" string the first time it is used as a property key (`x in map`,
 * `labels[key]`), and V8's optimized string concatenation treats a thin string as two-byte
 * whatever its characters. A parameter such as a required label's key then turns every message
 * built from it, every admission reply that joins that message, and the reply's UTF-8 encoding
 * into the slower two-byte paths. Internalized strings stay as they are.
 */

/** V8's internalized copy of `s` (the one property keys use); `s` itself for index-like keys. */
function internalized(s: string): string {
  const holder: Record<string, true> = {};
  holder[s] = true;
  for (const key in holder) return key;
  return s;
}

/**
 * A copy of a JSON value with every string, keys aside, replaced by its internalized copy; equal
 * to `value` in every way JavaScript can observe. Objects keep their key order.
 */
export function withInternalizedStrings(value: unknown): unknown {
  if (typeof value === "string") return internalized(value);
  if (Array.isArray(value)) return value.map(withInternalizedStrings);
  if (value === null || typeof value !== "object") return value;
  // fromEntries defines own properties, so a `__proto__` key stays a key.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withInternalizedStrings(v)]));
}
