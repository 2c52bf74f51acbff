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
  if (isArray(v)) return `[${formatItems(v)}]`;
  if (v instanceof RegoSet) return v.size === 0 ? "set()" : `{${formatItems(v.values())}}`;
  return `{${objectEntries(v)
    .map(([k, x]) => `${formatValue(k)}: ${formatValue(x)}`)
    .join(", ")}}`;
}

function formatItems(xs: readonly Value[]): string {
  let out = "";
  for (let i = 0; i < xs.length; i++)
    out += i === 0 ? formatValue(xs[i] as Value) : `, ${formatValue(xs[i] as Value)}`;
  return out;
}
