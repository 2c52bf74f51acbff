import { formatNumber } from "../../value/number.js";
import { compareStrings, isArray, objectEntries, RegoSet, type Value } from "../../value/value.js";

/**
 * JSON text of a Rego value as OPA produces it: `ast.JSON` (sets become arrays, non-string keys
 * become their own JSON text) followed by Go's `encoding/json` (keys sorted by bytes, HTML
 * characters escaped, numbers printed as OPA prints them).
 */

/** Pretty-printing options of Go's `json.MarshalIndent`. */
export interface GoJsonIndent {
  readonly prefix: string;
  readonly indent: string;
}

/** Compact (or, with `indent`, indented) JSON text of `v`. */
export function goJsonMarshal(v: Value, indent?: GoJsonIndent): string {
  const parts: string[] = [];
  write(v, parts, indent, 0);
  return parts.join("");
}

function write(v: Value, out: string[], ind: GoJsonIndent | undefined, depth: number): void {
  if (v === null) {
    out.push("null");
    return;
  }
  switch (typeof v) {
    case "boolean":
      out.push(v ? "true" : "false");
      return;
    case "number":
    case "bigint":
      out.push(formatNumber(v));
      return;
    case "string":
      out.push(goJsonString(v));
      return;
  }
  if (isArray(v) || v instanceof RegoSet) {
    const items = isArray(v) ? v : v.values();
    writeList(items.length, out, ind, depth, "[", "]", (i) => write(items[i] as Value, out, ind, depth + 1));
    return;
  }
  const byKey = new Map<string, Value>();
  for (const [k, x] of objectEntries(v)) byKey.set(typeof k === "string" ? k : goJsonMarshal(k), x);
  const keys = [...byKey.keys()].sort(compareStrings);
  writeList(keys.length, out, ind, depth, "{", "}", (i) => {
    const k = keys[i] as string;
    out.push(goJsonString(k), ind ? ": " : ":");
    write(byKey.get(k) as Value, out, ind, depth + 1);
  });
}

function writeList(
  n: number,
  out: string[],
  ind: GoJsonIndent | undefined,
  depth: number,
  open: string,
  close: string,
  item: (i: number) => void,
): void {
  out.push(open);
  if (n === 0) {
    out.push(close);
    return;
  }
  for (let i = 0; i < n; i++) {
    if (i > 0) out.push(",");
    if (ind) out.push("\n", ind.prefix, ind.indent.repeat(depth + 1));
    item(i);
  }
  if (ind) out.push("\n", ind.prefix, ind.indent.repeat(depth));
  out.push(close);
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 34 || c === 92 || c === 60 || c === 62 || c === 38 || c === 0x2028 || c === 0x2029)
      return true;
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** A Go JSON string literal (`encoding/json` with HTML escaping). */
export function goJsonString(s: string): string {
  if (!needsEscape(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const c = ch.charCodeAt(0);
    const esc = ESCAPES[ch];
    if (esc !== undefined) out += esc;
    else if (c < 0x20 || ch === "<" || ch === ">" || ch === "&" || c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16).padStart(4, "0")}`;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
      out += ch + s[i + 1];
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd";
    else out += ch;
  }
  return `${out}"`;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
