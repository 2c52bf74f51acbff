/** OPA's conversion builtins (`v1/topdown/casts.go`): `to_number` and the deprecated `cast_*`. */
import { goQuote } from "../value/go-quote.js";
import { normalizeBigInt, parseNumber } from "../value/number.js";
import { isArray, isObject, RegoSet, typeName, type Value } from "../value/value.js";
import { BuiltinError, OperandTypeError } from "./errors.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

const DECIMAL = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const HEX =
  /^([+-]?)0[xX](?:_?([0-9a-fA-F](?:_?[0-9a-fA-F])*)?(?:\.([0-9a-fA-F](?:_?[0-9a-fA-F])*)?)?)[pP]([+-]?\d(?:_?\d)*)$/;

function numError(s: string, reason: string): BuiltinError {
  return new BuiltinError(`strconv.ParseFloat: parsing ${goQuote(s)}: ${reason}`);
}

/** Go's `strconv.ParseFloat(s, 64)` syntax, giving the Rego number (exact for integers). */
export function parseGoFloat(s: string): number | bigint {
  if (DECIMAL.test(s)) {
    const text = s.replaceAll("_", "").replace(/^\+/, "");
    if (/^-?\d+$/.test(text)) {
      const n = parseNumber(text);
      if (typeof n === "bigint" && Number.isFinite(Number(n))) return n;
      if (typeof n === "number") return n === 0 ? 0 : n;
      throw numError(s, "value out of range");
    }
    const v = Number(text);
    if (!Number.isFinite(v)) throw numError(s, "value out of range");
    return v === 0 ? 0 : v;
  }
  const hex = HEX.exec(s);
  if (hex !== null && (hex[2] !== undefined || hex[3] !== undefined)) {
    const int = (hex[2] ?? "").replaceAll("_", "");
    const frac = (hex[3] ?? "").replaceAll("_", "");
    const mant = BigInt(`0x${int}${frac}` === "0x" ? "0" : `0x${int}${frac}`);
    const exp = Number((hex[4] ?? "0").replaceAll("_", "")) - 4 * frac.length;
    const v = Number(mant) * 2 ** exp;
    if (!Number.isFinite(v)) throw numError(s, "value out of range");
    const signed = hex[1] === "-" ? -v : v;
    return Number.isSafeInteger(signed) || !Number.isInteger(signed)
      ? signed
      : normalizeBigInt(BigInt(signed));
  }
  throw numError(s, "invalid syntax");
}

/** Integers exactly representable as JS numbers, the common case of `to_number`. */
const SHORT_INTEGER = /^-?\d{1,15}$/;

function toNumber(v: Value): Value {
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (typeof v === "string") {
    if (SHORT_INTEGER.test(v)) {
      const n = Number(v);
      return n === 0 ? 0 : n;
    }
    const word = v.replace(/^[+-]+/, "").toLowerCase();
    if (word === "inf" || word === "infinity" || word === "nan") {
      throw OperandTypeError.mustBe(1, "string", "valid number string");
    }
    return parseGoFloat(v);
  }
  throw OperandTypeError.mustBe(1, typeName(v), "null", "boolean", "number", "string");
}

function castArray(v: Value): Value {
  if (isArray(v)) return v;
  if (v instanceof RegoSet) return [...v.values()];
  throw OperandTypeError.mustBe(1, typeName(v), "array", "set");
}

function castSet(v: Value): Value {
  if (v instanceof RegoSet) return v;
  if (isArray(v)) return new RegoSet(v);
  throw OperandTypeError.mustBe(1, typeName(v), "array", "set");
}

function castTo(expected: "string" | "boolean" | "null" | "object"): (args: readonly Value[]) => Value {
  return (args) => {
    const v = args[0] ?? null;
    const t = typeName(v);
    if (t !== expected || (expected === "object" && !isObject(v)))
      throw OperandTypeError.mustBe(1, t, expected);
    return v;
  };
}

const deprecated = { deprecated: true } as const;

/** Conversion builtins. */
export const castsBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("to_number", [p("x", T.anyOf(T.number, T.string, T.boolean, T.null))], p("num", T.number)),
    impl: (args) => toNumber(args[0] ?? null),
  },
  {
    decl: decl("cast_array", [p("", T.any)], p("", T.arrayOf(T.any)), deprecated),
    impl: (args) => castArray(args[0] ?? null),
  },
  {
    decl: decl("cast_set", [p("", T.any)], p("", T.setOf(T.any)), deprecated),
    impl: (args) => castSet(args[0] ?? null),
  },
  { decl: decl("cast_string", [p("", T.any)], p("", T.string), deprecated), impl: castTo("string") },
  { decl: decl("cast_boolean", [p("", T.any)], p("", T.boolean), deprecated), impl: castTo("boolean") },
  { decl: decl("cast_null", [p("", T.any)], p("", T.null), deprecated), impl: castTo("null") },
  {
    decl: decl("cast_object", [p("", T.any)], p("", T.objectOf(T.any, T.any)), deprecated),
    impl: castTo("object"),
  },
];
