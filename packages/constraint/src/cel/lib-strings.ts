/** cel-go's strings extension (version 2) as Kubernetes enables it. */
import { cpArray, cpLength, isSimple, unitToCp } from "./codepoints.js";
import { CelEvalError } from "./errors.js";
import { type FunctionTable, NO_OVERLOAD } from "./functions.js";
import { formatString } from "./lib-format.js";
import type { CelValue } from "./values.js";

const GO_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

function int(v: CelValue | undefined): number | undefined {
  return typeof v === "bigint" ? Number(v) : undefined;
}

function rangeError(i: number): CelEvalError {
  return new CelEvalError(`index out of range: ${i}`);
}

/** Code-point slice of `s`. */
function cpSlice(s: string, start: number, end?: number): string {
  if (isSimple(s)) return s.slice(start, end);
  return cpArray(s).slice(start, end).join("");
}

function indexOf(s: string, sub: string, start: number): bigint {
  const len = cpLength(s);
  if (start < 0 || start > len) throw rangeError(start);
  if (sub === "") return BigInt(start);
  const unitStart = isSimple(s) ? start : cpSlice(s, 0, start).length;
  const at = s.indexOf(sub, unitStart);
  return BigInt(at < 0 ? -1 : unitToCp(s, at));
}

function lastIndexOf(s: string, sub: string, end: number): bigint {
  const len = cpLength(s);
  if (end < 0 || end > len) throw rangeError(end);
  if (sub === "") return BigInt(end);
  const unitEnd = isSimple(s) ? end : cpSlice(s, 0, end).length;
  const at = s.lastIndexOf(sub, unitEnd);
  return BigInt(at < 0 ? -1 : unitToCp(s, at));
}

function replace(s: string, from: string, to: string, n: number): string {
  if (n < 0) return s.split(from).join(to);
  let out = "";
  let rest = s;
  for (let i = 0; i < n; i++) {
    const at = rest.indexOf(from);
    if (at < 0) break;
    if (from === "") {
      // Go inserts `to` before each code point (and at the end).
      const cp = cpArray(rest)[0] ?? "";
      out += to + cp;
      rest = rest.slice(cp.length);
      if (cp === "") break;
      continue;
    }
    out += rest.slice(0, at) + to;
    rest = rest.slice(at + from.length);
  }
  return out + rest;
}

function split(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  const parts = sep === "" ? cpArray(s) : s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  const head = parts.slice(0, n - 1);
  head.push(parts.slice(n - 1).join(sep));
  return head;
}

/** Go's strconv.Quote for valid UTF-8 text. */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case "\\":
        out += "\\\\";
        break;
      case "\x07":
        out += "\\a";
        break;
      case "\b":
        out += "\\b";
        break;
      case "\f":
        out += "\\f";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\t":
        out += "\\t";
        break;
      case "\v":
        out += "\\v";
        break;
      default:
        if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
        else out += ch;
    }
  }
  return `${out}"`;
}

/** Registers the strings extension. */
export function registerStrings(t: FunctionTable): void {
  t.member("charAt", ([s, i]) => {
    const n = int(i);
    if (typeof s !== "string" || n === undefined) return NO_OVERLOAD;
    const len = cpLength(s);
    if (n < 0 || n > len) throw rangeError(n);
    return cpSlice(s, n, n + 1);
  });
  t.member("indexOf", ([s, sub, start]) => {
    if (typeof s !== "string" || typeof sub !== "string") return NO_OVERLOAD;
    const n = start === undefined ? 0 : int(start);
    return n === undefined ? NO_OVERLOAD : indexOf(s, sub, n);
  });
  t.member("lastIndexOf", ([s, sub, end]) => {
    if (typeof s !== "string" || typeof sub !== "string") return NO_OVERLOAD;
    const n = end === undefined ? cpLength(s) : int(end);
    return n === undefined ? NO_OVERLOAD : lastIndexOf(s, sub, n);
  });
  t.member("lowerAscii", ([s]) =>
    typeof s === "string" ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : NO_OVERLOAD,
  );
  t.member("upperAscii", ([s]) =>
    typeof s === "string" ? s.replace(/[a-z]+/g, (m) => m.toUpperCase()) : NO_OVERLOAD,
  );
  t.member("replace", ([s, from, to, n]) => {
    if (typeof s !== "string" || typeof from !== "string" || typeof to !== "string") return NO_OVERLOAD;
    const limit = n === undefined ? -1 : int(n);
    return limit === undefined ? NO_OVERLOAD : replace(s, from, to, limit);
  });
  t.member("split", ([s, sep, n]) => {
    if (typeof s !== "string" || typeof sep !== "string") return NO_OVERLOAD;
    const limit = n === undefined ? -1 : int(n);
    return limit === undefined ? NO_OVERLOAD : split(s, sep, limit);
  });
  t.member("substring", ([s, a, b]) => {
    const start = int(a);
    if (typeof s !== "string" || start === undefined) return NO_OVERLOAD;
    const len = cpLength(s);
    const end = b === undefined ? len : int(b);
    if (end === undefined) return NO_OVERLOAD;
    if (start < 0 || start > len) throw rangeError(start);
    if (end < 0 || end > len) throw rangeError(end);
    if (start > end) throw new CelEvalError(`invalid substring range. start: ${start}, end: ${end}`);
    return cpSlice(s, start, end);
  });
  t.member("trim", ([s]) => (typeof s === "string" ? s.replace(GO_SPACE, "") : NO_OVERLOAD));
  t.member("join", ([l, sep]) => {
    if (!Array.isArray(l) || (sep !== undefined && typeof sep !== "string")) return NO_OVERLOAD;
    const parts: string[] = [];
    for (const x of l) {
      if (typeof x !== "string") throw new CelEvalError(`join: list element is not a string`);
      parts.push(x);
    }
    return parts.join(sep ?? "");
  });
  t.global("strings.quote", ([s]) => (typeof s === "string" ? quote(s) : NO_OVERLOAD));
  t.member("format", ([s, args]) =>
    typeof s === "string" && Array.isArray(args) ? formatString(s, args) : NO_OVERLOAD,
  );
}
