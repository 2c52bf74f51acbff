/** Constants, list literals and map literals. */
import { type CelResult, type CelUint, type CelValue, celMap, celUint, isCelUint } from "@bufbuild/cel";
import type { Expr, Node } from "./ast.js";
import type { NodeCompiler, Scope } from "./compile-context.js";
import { celError, unsupportedKeyType } from "./compile-errors.js";
import type { Eval } from "./compile-frame.js";
import { isCelErrorValue } from "./errors.js";
import { makeList } from "./list-values.js";

/** The value of a constant node; undefined when `e` is not a constant. */
export function constantOf(e: Expr): { readonly value: CelValue } | undefined {
  if (e.exprKind.case !== "constExpr") return undefined;
  const k = e.exprKind.value.constantKind;
  switch (k.case) {
    case "stringValue":
    case "bytesValue":
    case "doubleValue":
    case "boolValue":
    case "int64Value":
      return { value: k.value };
    case "uint64Value":
      return { value: celUint(k.value) };
    case "nullValue":
      return { value: null };
    default:
      return undefined;
  }
}

/** A constant node. */
export function compileConstant(e: Expr): Eval {
  const c = constantOf(e);
  const value: CelResult = c === undefined ? celError("invalid constant") : c.value;
  return () => value;
}

/** The value of a list literal whose elements are all constants; undefined for others. */
export function constantList(l: Node<"listExpr">): CelValue | undefined {
  const constants = l.elements.map(constantOf);
  return constants.every((x) => x !== undefined)
    ? makeList(constants.map((x) => x?.value ?? null))
    : undefined;
}

/** A list literal: elements in order, the first error wins; all-constant lists are built once. */
export function compileList(c: NodeCompiler, l: Node<"listExpr">, scope: Scope): Eval {
  const value = constantList(l);
  if (value !== undefined) return () => value;
  const elements = l.elements.map((e) => c.compile(e, scope));
  const [only] = elements;
  if (only !== undefined && elements.length === 1)
    return (f) => {
      const v = only(f);
      return isCelErrorValue(v) ? v : makeList([v]);
    };
  return (f) => {
    const out: CelValue[] = [];
    for (const e of elements) {
      const v = e(f);
      if (isCelErrorValue(v)) return v;
      out.push(v);
    }
    return makeList(out);
  };
}

type Key = string | bigint | boolean | CelUint;

function mapKey(k: CelValue): Key | undefined {
  switch (typeof k) {
    case "string":
    case "bigint":
    case "boolean":
      return k;
    case "number":
      return Number.isInteger(k) ? BigInt(k) : undefined;
    default:
      return isCelUint(k) ? k : undefined;
  }
}

/** A map literal: keys and values in order; duplicate keys and non-key types are errors. */
export function compileMap(c: NodeCompiler, s: Node<"structExpr">, scope: Scope): Eval {
  if (s.messageName !== "") {
    const err = celError(`unknown type: ${s.messageName}`);
    return () => err;
  }
  const entries: [Eval, Eval][] = [];
  for (const en of s.entries) {
    if (en.keyKind.case !== "mapKey" || en.value === undefined) {
      const err = celError("map entry missing value");
      return () => err;
    }
    entries.push([c.compile(en.keyKind.value, scope), c.compile(en.value, scope)]);
  }
  if (entries.length === 0) {
    const empty = celMap(new Map<Key, CelValue>());
    return () => empty;
  }
  return (f) => {
    const out = new Map<Key, CelValue>();
    for (const [key, value] of entries) {
      const k = key(f);
      if (isCelErrorValue(k)) return k;
      const mk = mapKey(k);
      if (mk === undefined) return unsupportedKeyType();
      const v = value(f);
      if (isCelErrorValue(v)) return v;
      if (out.has(mk)) return celError(`map key conflict: ${String(mk)}`);
      out.set(mk, v);
    }
    return celMap(out);
  };
}
