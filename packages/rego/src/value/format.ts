import { goQuote } from "./go-quote.js";
import { formatNumber } from "./number.js";
import { isArray, objectEntries, RegoSet, type Value } from "./value.js";

/** Formats a value in Rego syntax, as OPA's `Value.String()` does: strings quoted, sets as `{…}` or `set()`. */
export function formatValue(v: Value): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "number":
    case "bigint":
      return formatNumber(v);
    case "string":
      return goQuote(v);
  }
  if (isArray(v)) return `[${v.map(formatValue).join(", ")}]`;
  if (v instanceof RegoSet) return v.size === 0 ? "set()" : `{${v.values().map(formatValue).join(", ")}}`;
  return `{${objectEntries(v)
    .map(([k, x]) => `${formatValue(k)}: ${formatValue(x)}`)
    .join(", ")}}`;
}
