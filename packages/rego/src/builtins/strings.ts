/** OPA's string builtins (`v1/topdown/strings.go`), with Go's rune (code point) semantics. */
import { formatValue } from "../value/format.js";
import { isIntegral, type RegoNumber, toBigInt } from "../value/number.js";
import { type ArrayValue, isArray, objectEntries, RegoSet, typeName, type Value } from "../value/value.js";
import { argNumber, argObject, argString } from "./args.js";
import { BuiltinError, BuiltinHaltError, OperandTypeError } from "./errors.js";
import type { BuiltinDef } from "./registry.js";
import { goSprintf } from "./sprintf.js";
import {
  isAscii,
  replace,
  replaceAll,
  runeCount,
  toLower,
  toUpper,
  trim,
  trimLeft,
  trimRight,
  trimSpace,
} from "./strings-go.js";
import { renderTemplate } from "./strings-template.js";
import { decl, p, T } from "./types.js";

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** OPA's `builtins.IntOperand`: an integer that fits Go's int. */
export function intOperand(args: readonly Value[], i: number): number {
  const n = argNumber(args, i);
  const b = isIntegral(n) ? toBigInt(n) : undefined;
  if (b === undefined || b < INT64_MIN || b > INT64_MAX) {
    throw new OperandTypeError(i + 1, "must be integer number but got floating-point number");
  }
  return Number(b);
}

/** `operand N must be array of strings but got array containing number`. */
export function elementError(
  pos: number,
  collection: Value,
  element: Value,
  expected: string,
): OperandTypeError {
  const t = typeName(collection);
  return new OperandTypeError(
    pos,
    `must be ${t} of ${expected}s but got ${t} containing ${typeName(element)}`,
  );
}

/** OPA's `builtins.StringSliceOperand` on an array or set. */
export function stringSliceOperand(v: Value, pos: number): string[] {
  const items: readonly Value[] = isArray(v) ? v : v instanceof RegoSet ? v.values() : [];
  if (!isArray(v) && !(v instanceof RegoSet)) throw OperandTypeError.mustBe(pos, typeName(v), "array", "set");
  const out: string[] = [];
  for (const x of items) {
    if (typeof x !== "string") throw elementError(pos, v, x, "string");
    out.push(x);
  }
  return out;
}

function stringsOperand(args: readonly Value[], i: number): string[] {
  const v = args[i] ?? null;
  if (typeof v === "string") return [v];
  if (isArray(v) || v instanceof RegoSet) return stringSliceOperand(v, i + 1);
  throw OperandTypeError.mustBe(i + 1, typeName(v), "string", "set", "array");
}

function reverse(s: string): string {
  if (isAscii(s)) {
    let out = "";
    for (let i = s.length - 1; i >= 0; i--) out += s[i];
    return out;
  }
  return Array.from(s).reverse().join("");
}

/** Index in code points of the UTF-16 offset `at` within `s`. */
function runeIndex(s: string, at: number, from = 0, base = 0): number {
  return base + runeCount(s.slice(from, at));
}

function indexOf(base: string, search: string): number {
  const at = base.indexOf(search);
  if (at <= 0 || isAscii(base)) return at;
  return runeIndex(base, at);
}

function indexOfN(base: string, search: string): number[] {
  const out: number[] = [];
  let from = 0;
  let runes = 0;
  let at = base.indexOf(search);
  while (at >= 0) {
    runes = runeIndex(base, at, from, runes);
    out.push(runes);
    from = at;
    const c = base.codePointAt(at) ?? 0;
    at = base.indexOf(search, at + (c > 0xffff ? 2 : 1));
  }
  return out;
}

function substring(base: string, start: number, length: number): string {
  if (start < 0) throw new BuiltinError("negative offset");
  if (base === "") return "";
  if (isAscii(base)) {
    if (start >= base.length) return "";
    if (length < 0) return base.slice(start);
    return base.slice(start, Math.min(base.length, start + length));
  }
  const runes = Array.from(base);
  if (start >= runes.length) return "";
  if (length < 0) return runes.slice(start).join("");
  return runes.slice(start, Math.min(runes.length, start + length)).join("");
}

function split(s: string, delim: string): string[] {
  if (delim === "") return Array.from(s);
  return s.split(delim);
}

function count(s: string, sub: string): number {
  if (sub === "") return runeCount(s) + 1;
  let n = 0;
  let at = s.indexOf(sub);
  while (at >= 0) {
    n++;
    at = s.indexOf(sub, at + sub.length);
  }
  return n;
}

function formatInt(input: RegoNumber, base: RegoNumber): string {
  let radix: number;
  switch (Number(base)) {
    case 2:
    case 8:
    case 10:
    case 16:
      radix = Number(base);
      break;
    default:
      throw OperandTypeError.mustBeOneOf(2, ["2", "8", "10", "16"]);
  }
  const whole = typeof input === "bigint" ? input : BigInt(Math.trunc(input));
  return whole.toString(radix);
}

function concat(delim: string, collection: Value): string {
  if (isArray(collection)) {
    const arr: ArrayValue = collection;
    if (arr.length === 1 && typeof arr[0] === "string") return arr[0];
    for (const x of arr) if (typeof x !== "string") throw elementError(2, collection, x, "string");
    return (arr as readonly string[]).join(delim);
  }
  if (collection instanceof RegoSet) {
    const members = collection.values();
    for (const x of members) if (typeof x !== "string") throw elementError(2, collection, x, "string");
    return (members as readonly string[]).join(delim);
  }
  throw OperandTypeError.mustBe(2, typeName(collection), "set", "array");
}

function replaceN(patterns: Value, s: string): string {
  const pairs: [string, string][] = [];
  for (const [k, v] of objectEntries(argObject([patterns], 0))) {
    if (typeof k !== "string") throw new OperandTypeError(1, "non-string key found in pattern object");
    if (typeof v !== "string") throw new OperandTypeError(1, "non-string value found in pattern object");
    pairs.push([k, v]);
  }
  if (pairs.length === 0) return s;
  return replaceAll(s, pairs);
}

function anyStartsWithAny(strs: readonly string[], prefixes: readonly string[]): boolean {
  for (const s of strs) for (const pre of prefixes) if (s.startsWith(pre)) return true;
  return false;
}

function anySuffixMatch(strs: readonly string[], suffixes: readonly string[]): boolean {
  for (const s of strs) for (const suf of suffixes) if (s.endsWith(suf)) return true;
  return false;
}

function splitN(s: string, delim: string, n: number): string[] {
  const parts = split(s, delim);
  if (s === "" && delim === "") return [];
  if (n >= 0) return parts.slice(0, n);
  return parts.slice(Math.max(parts.length + n, 0));
}

/** Parts of an interpolated string: literal strings, and sets of the values an expression took. */
function templateString(parts: Value): string {
  if (!isArray(parts)) throw OperandTypeError.mustBe(1, typeName(parts), "array");
  let out = "";
  for (const part of parts as ArrayValue) {
    if (typeof part === "string") {
      out += part;
    } else if (part instanceof RegoSet) {
      if (part.size > 1)
        throw new BuiltinHaltError(
          "eval_conflict_error",
          "template-strings must not produce multiple outputs",
        );
      const only = part.values()[0];
      out += only === undefined ? "<undefined>" : typeof only === "string" ? only : formatValue(only);
    } else {
      out += formatValue(part);
    }
  }
  return out;
}

const S = T.string;
const stringsOrCollections = T.anyOf(T.string, T.setOf(T.string), T.arrayOf(T.string));

/** String builtins. */
export const stringsBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl(
      "concat",
      [p("delimiter", S), p("collection", T.anyOf(T.setOf(S), T.arrayOf(S)))],
      p("output", S),
    ),
    impl: (args) => concat(argString(args, 0), args[1] ?? null),
  },
  {
    decl: decl("contains", [p("haystack", S), p("needle", S)], p("result", T.boolean)),
    impl: (args) => argString(args, 0).includes(argString(args, 1)),
  },
  {
    decl: decl("startswith", [p("search", S), p("base", S)], p("result", T.boolean)),
    impl: (args) => argString(args, 0).startsWith(argString(args, 1)),
  },
  {
    decl: decl("endswith", [p("search", S), p("base", S)], p("result", T.boolean)),
    impl: (args) => argString(args, 0).endsWith(argString(args, 1)),
  },
  {
    decl: decl("format_int", [p("number", T.number), p("base", T.number)], p("output", S)),
    impl: (args) => formatInt(argNumber(args, 0), argNumber(args, 1)),
  },
  {
    decl: decl("indexof", [p("haystack", S), p("needle", S)], p("output", T.number)),
    impl: (args) => {
      const base = argString(args, 0);
      const search = argString(args, 1);
      if (search === "") throw new BuiltinError("empty search character");
      return indexOf(base, search);
    },
  },
  {
    decl: decl("indexof_n", [p("haystack", S), p("needle", S)], p("output", T.arrayOf(T.number))),
    impl: (args) => {
      const base = argString(args, 0);
      const search = argString(args, 1);
      if (search === "") throw new BuiltinError("empty search character");
      return indexOfN(base, search);
    },
  },
  {
    decl: decl("substring", [p("value", S), p("offset", T.number), p("length", T.number)], p("output", S)),
    impl: (args) => substring(argString(args, 0), intOperand(args, 1), intOperand(args, 2)),
  },
  {
    decl: decl("lower", [p("x", S)], p("y", S)),
    impl: (args) => toLower(argString(args, 0)),
  },
  {
    decl: decl("upper", [p("x", S)], p("y", S)),
    impl: (args) => toUpper(argString(args, 0)),
  },
  {
    decl: decl("strings.count", [p("search", S), p("substring", S)], p("output", T.number)),
    impl: (args) => count(argString(args, 0), argString(args, 1)),
  },
  {
    decl: decl("split", [p("x", S), p("delimiter", S)], p("ys", T.arrayOf(S))),
    impl: (args) => split(argString(args, 0), argString(args, 1)),
  },
  {
    decl: decl("strings.split_n", [p("x", S), p("delimiter", S), p("n", T.number)], p("ys", T.arrayOf(S))),
    impl: (args) => {
      const s = argString(args, 0);
      const delim = argString(args, 1);
      return splitN(s, delim, intOperand(args, 2));
    },
  },
  {
    decl: decl("replace", [p("x", S), p("old", S), p("new", S)], p("y", S)),
    impl: (args) => {
      const s = argString(args, 0);
      const old = argString(args, 1);
      return replace(s, old, argString(args, 2), -1);
    },
  },
  {
    decl: decl("strings.replace_n", [p("patterns", T.objectOf(S, S)), p("value", S)], p("output", S)),
    impl: (args) => {
      const patterns = argObject(args, 0);
      return replaceN(patterns, argString(args, 1));
    },
  },
  {
    decl: decl("trim", [p("value", S), p("cutset", S)], p("output", S)),
    impl: (args) => trim(argString(args, 0), argString(args, 1)),
  },
  {
    decl: decl("trim_left", [p("value", S), p("cutset", S)], p("output", S)),
    impl: (args) => trimLeft(argString(args, 0), argString(args, 1)),
  },
  {
    decl: decl("trim_prefix", [p("value", S), p("prefix", S)], p("output", S)),
    impl: (args) => {
      const s = argString(args, 0);
      const pre = argString(args, 1);
      return s.startsWith(pre) ? s.slice(pre.length) : s;
    },
  },
  {
    decl: decl("trim_right", [p("value", S), p("cutset", S)], p("output", S)),
    impl: (args) => trimRight(argString(args, 0), argString(args, 1)),
  },
  {
    decl: decl("trim_suffix", [p("value", S), p("suffix", S)], p("output", S)),
    impl: (args) => {
      const s = argString(args, 0);
      const suf = argString(args, 1);
      return suf !== "" && s.endsWith(suf) ? s.slice(0, s.length - suf.length) : s;
    },
  },
  {
    decl: decl("trim_space", [p("value", S)], p("output", S)),
    impl: (args) => trimSpace(argString(args, 0)),
  },
  {
    decl: decl("sprintf", [p("format", S), p("values", T.arrayOf(T.any))], p("output", S)),
    impl: (args) => {
      const format = argString(args, 0);
      const values = args[1] ?? null;
      if (!isArray(values)) throw OperandTypeError.mustBe(2, typeName(values), "array");
      return goSprintf(format, values);
    },
  },
  {
    decl: decl("strings.reverse", [p("x", S)], p("y", S)),
    impl: (args) => reverse(argString(args, 0)),
  },
  {
    decl: decl(
      "strings.any_prefix_match",
      [p("search", stringsOrCollections), p("base", stringsOrCollections)],
      p("result", T.boolean),
    ),
    impl: (args) => {
      const strs = stringsOperand(args, 0);
      return anyStartsWithAny(strs, stringsOperand(args, 1));
    },
  },
  {
    decl: decl(
      "strings.any_suffix_match",
      [p("search", stringsOrCollections), p("base", stringsOrCollections)],
      p("result", T.boolean),
    ),
    impl: (args) => {
      const strs = stringsOperand(args, 0);
      return anySuffixMatch(strs, stringsOperand(args, 1));
    },
  },
  {
    decl: decl("strings.render_template", [p("value", S), p("vars", T.objectOf(S, T.any))], p("result", S)),
    impl: (args) => {
      const template = argString(args, 0);
      return renderTemplate(template, argObject(args, 1));
    },
  },
  {
    decl: decl("internal.template_string", [p("", T.arrayOf(T.any))], p("", S)),
    impl: (args) => templateString(args[0] ?? null),
  },
];
