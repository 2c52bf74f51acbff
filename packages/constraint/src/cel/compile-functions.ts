/**
 * Compiled versions of the functions on hot paths: equality, ordering, arithmetic, `in`, `size`,
 * the string tests (`contains`, `startsWith`, `endsWith`, `matches`), `string()` and `dyn()`.
 * Each handles the argument types it is common on and hands anything else to the library's
 * overloads through the call's dispatcher, so results never differ from the library's.
 */
import {
  type CelList,
  type CelResult,
  type CelUint,
  type CelValue,
  isCelList,
  isCelMap,
  isCelUint,
} from "@bufbuild/cel";
import { runeCount } from "@portcullis/rego";
import type { RE2JS } from "re2js";
import type { Expr } from "./ast.js";
import type { Dispatch } from "./compile-dispatch.js";
import { celError } from "./compile-errors.js";
import type { Eval } from "./compile-frame.js";
import { constantOf } from "./compile-literals.js";
import { isCelErrorValue } from "./errors.js";
import { compileRegex } from "./lib-regex.js";
import { listItems } from "./list-values.js";
import { ARITHMETIC, negateValue } from "./values-arith.js";
import { celEquals } from "./values-equal.js";
import { compareValues, NO_ORDER, ORDER_TESTS } from "./values-order.js";

/** A call's compiled parts. */
export interface CallParts {
  /** The receiver of a method call. */
  readonly target: Eval | undefined;
  readonly args: readonly Eval[];
  /** The argument expressions (for constants). */
  readonly argExprs: readonly Expr[];
  /** The library's overloads, for other argument types. */
  readonly fallback: Dispatch;
}

/** Builds the compiled call; undefined leaves the call to the generic path. */
type Builder = (p: CallParts) => Eval | undefined;

/** A two-argument function: both arguments evaluated in order, errors first. */
function binary(p: CallParts, op: (a: CelValue, b: CelValue) => CelResult | undefined): Eval | undefined {
  const [l, r] = p.args;
  if (l === undefined || r === undefined) return undefined;
  const fallback = p.fallback;
  return (f) => {
    const a = l(f);
    if (isCelErrorValue(a)) return a;
    const b = r(f);
    if (isCelErrorValue(b)) return b;
    const v = op(a, b);
    return v === undefined ? fallback(undefined, [a, b]) : v;
  };
}

/** A one-argument function (or a method without arguments, `method` set). */
function unary(p: CallParts, method: boolean, op: (a: CelValue) => CelResult | undefined): Eval | undefined {
  const x = method ? p.target : p.args[0];
  if (x === undefined) return undefined;
  const fallback = p.fallback;
  return method
    ? (f) => {
        const a = x(f);
        if (isCelErrorValue(a)) return a;
        const v = op(a);
        return v === undefined ? fallback(a, []) : v;
      }
    : (f) => {
        const a = x(f);
        if (isCelErrorValue(a)) return a;
        const v = op(a);
        return v === undefined ? fallback(undefined, [a]) : v;
      };
}

/** A string method with one string argument; a constant argument is read once. */
function stringMethod(p: CallParts, test: (s: string, arg: string) => CelResult): Eval | undefined {
  const target = p.target;
  const [arg] = p.args;
  const [argExpr] = p.argExprs;
  if (target === undefined || arg === undefined || argExpr === undefined) return undefined;
  const fallback = p.fallback;
  const c = constantOf(argExpr)?.value;
  if (typeof c === "string")
    return (f) => {
      const s = target(f);
      if (typeof s === "string") return test(s, c);
      return isCelErrorValue(s) ? s : fallback(s, [c]);
    };
  return (f) => {
    const s = target(f);
    if (isCelErrorValue(s)) return s;
    const a = arg(f);
    if (isCelErrorValue(a)) return a;
    return typeof s === "string" && typeof a === "string" ? test(s, a) : fallback(s, [a]);
  };
}

function regexTest(s: string, re: () => RE2JS): CelResult {
  try {
    return re().test(s);
  } catch (e: unknown) {
    return celError(e);
  }
}

/** `s.matches(p)` / `matches(s, p)`: RE2, unanchored; a constant pattern is compiled once. */
function matches(p: CallParts, s: Eval, pattern: Eval, patternExpr: Expr, method: boolean): Eval {
  const fallback = p.fallback;
  const call = (a: CelValue, b: CelValue): CelResult =>
    method ? fallback(a, [b]) : fallback(undefined, [a, b]);
  const c = constantOf(patternExpr)?.value;
  if (typeof c === "string") {
    let compiled: RE2JS | undefined;
    const re = (): RE2JS => {
      compiled ??= compileRegex(c);
      return compiled;
    };
    return (f) => {
      const a = s(f);
      if (typeof a === "string") return regexTest(a, re);
      return isCelErrorValue(a) ? a : call(a, c);
    };
  }
  return (f) => {
    const a = s(f);
    if (isCelErrorValue(a)) return a;
    const b = pattern(f);
    if (isCelErrorValue(b)) return b;
    return typeof a === "string" && typeof b === "string" ? regexTest(a, () => compileRegex(b)) : call(a, b);
  };
}

function sizeOf(v: CelValue): CelResult | undefined {
  if (typeof v === "string") return BigInt(runeCount(v));
  if (isCelList(v) || isCelMap(v)) return BigInt(v.size);
  if (v instanceof Uint8Array) return BigInt(v.length);
  return undefined;
}

function toText(v: CelValue): CelResult | undefined {
  switch (typeof v) {
    case "string":
      return v;
    case "boolean":
    case "bigint":
    case "number":
      return String(v);
  }
  return isCelUint(v) ? v.value.toString() : undefined;
}

function equality(p: CallParts, negate: boolean): Eval | undefined {
  const [l, r] = p.args;
  const [, rightExpr] = p.argExprs;
  if (l === undefined || r === undefined || rightExpr === undefined) return undefined;
  const c = constantOf(rightExpr)?.value;
  if (typeof c === "string" || typeof c === "bigint" || typeof c === "boolean")
    return (f) => {
      const a = l(f);
      if (typeof a === typeof c) return (a === c) !== negate;
      return isCelErrorValue(a) ? a : celEquals(a, c) !== negate;
    };
  return (f) => {
    const a = l(f);
    if (isCelErrorValue(a)) return a;
    const b = r(f);
    if (isCelErrorValue(b)) return b;
    return celEquals(a, b) !== negate;
  };
}

function isMapKey(v: CelValue): v is string | bigint | number | boolean | CelUint {
  const t = typeof v;
  return t === "string" || t === "bigint" || t === "number" || t === "boolean" || isCelUint(v);
}

/** `x in l` for a list: true when some element equals `x`. */
function inList(x: CelValue, l: CelList): boolean {
  const items = listItems(l);
  if (typeof x === "string") return items.includes(x);
  for (const y of items) if (celEquals(y, x)) return true;
  return false;
}

/** The strings of a list literal of string constants; undefined for anything else. */
export function constantStrings(e: Expr): ReadonlySet<string> | undefined {
  if (e.exprKind.case !== "listExpr") return undefined;
  const out = new Set<string>();
  for (const el of e.exprKind.value.elements) {
    const c = constantOf(el)?.value;
    if (typeof c !== "string") return undefined;
    out.add(c);
  }
  return out;
}

/** `x in l` for lists and maps; undefined for other types. */
function membershipOp(a: CelValue, b: CelValue): CelResult | undefined {
  if (isCelList(b)) return inList(a, b);
  return isCelMap(b) && isMapKey(a) ? b.has(a) : undefined;
}

function membership(p: CallParts): Eval | undefined {
  const [l] = p.args;
  const [, rightExpr] = p.argExprs;
  if (l === undefined || rightExpr === undefined) return undefined;
  const strings = constantStrings(rightExpr);
  if (strings !== undefined)
    return (f) => {
      const a = l(f);
      if (typeof a === "string") return strings.has(a);
      return isCelErrorValue(a) ? a : false;
    };
  return binary(p, membershipOp);
}

function orderingOp(name: string): BinaryOp | undefined {
  const test = ORDER_TESTS[name];
  if (test === undefined) return undefined;
  return (a, b) => {
    const o = compareValues(a, b);
    return o === NO_ORDER ? undefined : test(o);
  };
}

/** A string test as an operation: strings only. */
function stringOp(test: (s: string, a: string) => boolean): BinaryOp {
  return (s, a) => (typeof s === "string" && typeof a === "string" ? test(s, a) : undefined);
}

/** An operation on evaluated arguments; undefined hands the call to the library's overloads. */
export type BinaryOp = (a: CelValue, b: CelValue) => CelResult | undefined;
/** See {@link BinaryOp}. */
export type UnaryOp = (a: CelValue) => CelResult | undefined;

/** The string methods with one string argument (often a constant), by `.name/1`. */
export const STRING_TESTS: ReadonlyMap<string, (s: string, a: string) => boolean> = new Map([
  [".contains/1", (s: string, a: string) => s.includes(a)],
  [".startsWith/1", (s: string, a: string) => s.startsWith(a)],
  [".endsWith/1", (s: string, a: string) => s.endsWith(a)],
]);

function definedEntries<T>(entries: readonly [string, T | undefined][]): [string, T][] {
  const out: [string, T][] = [];
  for (const [k, v] of entries) if (v !== undefined) out.push([k, v]);
  return out;
}

/**
 * Two-argument operations by `name/2` (functions) or `.name/1` (methods: the receiver, then the
 * argument).
 */
export const BINARY_OPS: ReadonlyMap<string, BinaryOp> = new Map<string, BinaryOp>([
  ["@in/2", membershipOp],
  ...definedEntries<BinaryOp>(["_<_", "_<=_", "_>_", "_>=_"].map((n) => [`${n}/2`, orderingOp(n)])),
  ...definedEntries<BinaryOp>(["_+_", "_-_", "_*_", "_/_", "_%_"].map((n) => [`${n}/2`, ARITHMETIC[n]])),
  ...[...STRING_TESTS].map(([k, test]): [string, BinaryOp] => [k, stringOp(test)]),
]);

/** One-argument operations by `name/1` (functions) or `.name/0` (methods on the receiver). */
export const UNARY_OPS: ReadonlyMap<string, UnaryOp> = new Map<string, UnaryOp>([
  ["-_/1", negateValue],
  ["size/1", sizeOf],
  [".size/0", sizeOf],
  ["string/1", toText],
  ["dyn/1", (v) => v],
]);

/** Compiled functions by `name/argc` (functions) or `.name/argc` (methods). */
export const FAST_FUNCTIONS: ReadonlyMap<string, Builder> = new Map<string, Builder>([
  ["_==_/2", (p) => equality(p, false)],
  ["_!=_/2", (p) => equality(p, true)],
  ...[...BINARY_OPS]
    .filter(([k]) => !k.startsWith(".") && k !== "@in/2")
    .map(([k, op]): [string, Builder] => [k, (p) => binary(p, op)]),
  ["@in/2", membership],
  ...[...UNARY_OPS].map(([k, op]): [string, Builder] => [k, (p) => unary(p, k.startsWith("."), op)]),
  ...[...STRING_TESTS].map(([k, test]): [string, Builder] => [k, (p) => stringMethod(p, test)]),
  [
    ".matches/1",
    (p) => {
      const [pattern] = p.args;
      const [patternExpr] = p.argExprs;
      return p.target === undefined || pattern === undefined || patternExpr === undefined
        ? undefined
        : matches(p, p.target, pattern, patternExpr, true);
    },
  ],
  [
    "matches/2",
    (p) => {
      const [s, pattern] = p.args;
      const [, patternExpr] = p.argExprs;
      return s === undefined || pattern === undefined || patternExpr === undefined
        ? undefined
        : matches(p, s, pattern, patternExpr, false);
    },
  ],
]);
