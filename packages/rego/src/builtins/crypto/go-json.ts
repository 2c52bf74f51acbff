import { formatValue } from "../../value/format.js";
import { formatNumber } from "../../value/number.js";
import { compareStrings, isArray, objectEntries, RegoSet, type Value } from "../../value/value.js";

/**
 * Go's `json.Marshal` of a Rego value after OPA's `ast.JSON` conversion: object keys sorted,
 * sets as sorted arrays, non-string keys as their Rego text, and `<`, `>`, `&`, U+2028 and
 * U+2029 escaped as Go does.
 */
export function goJsonMarshal(v: Value): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "number":
    case "bigint":
      return formatNumber(v);
    case "string":
      return goJsonString(v);
  }
  if (isArray(v)) return `[${v.map(goJsonMarshal).join(",")}]`;
  if (v instanceof RegoSet) return `[${v.values().map(goJsonMarshal).join(",")}]`;
  const parts = objectEntries(v).map(([k, x]) => [typeof k === "string" ? k : formatValue(k), x] as const);
  parts.sort((a, b) => compareStrings(a[0], b[0]));
  return `{${parts.map(([k, x]) => `${goJsonString(k)}:${goJsonMarshal(x)}`).join(",")}}`;
}

/** A JSON string literal as Go writes it. */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x0c) out += "\\f";
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16).padStart(4, "0")}`;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + (s[i + 1] as string);
        i++;
      } else out += "\ufffd";
    } else out += s[i];
  }
  return `${out}"`;
}
