import { goQuote } from "./go-quote.js";
import { formatNumber } from "./number.js";
import { isArray, objectEntries, RegoSet, type Value } from "./value.js";

/** Characters other than printable ASCII: where JSON's quoting and Go's differ. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/**
 * A string as OPA writes it in a value's text: Go's `strconv.Quote`. For printable ASCII that is
 * JSON's quoting; control characters, DEL and non-printable Unicode are escaped Go's way.
 */
function quoteString(s: string): string {
  return NOT_PRINTABLE_ASCII.test(s) ? goQuote(s) : JSON.stringify(s);
}

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
      return quoteString(v);
  }
  if (isArray(v)) return `[${v.map(formatValue).join(", ")}]`;
  if (v instanceof RegoSet) return v.size === 0 ? "set()" : `{${v.values().map(formatValue).join(", ")}}`;
  return `{${objectEntries(v)
    .map(([k, x]) => `${formatValue(k)}: ${formatValue(x)}`)
    .join(", ")}}`;
}
