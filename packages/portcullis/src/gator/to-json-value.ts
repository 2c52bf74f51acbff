import type { JsonValue } from "@portcullis/rego";

/** A parsed YAML/JSON value as a {@link JsonValue} (undefined fields dropped, odd values stringified). */
export function toJsonValue(v: unknown): JsonValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "boolean":
    case "number":
    case "bigint":
    case "string":
      return v;
  }
  if (Array.isArray(v)) {
    const items: readonly unknown[] = v;
    return items.map(toJsonValue);
  }
  if (typeof v === "object") {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toJsonValue(x);
    return out;
  }
  return String(v);
}
