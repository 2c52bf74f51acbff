import { normalizeBigInt, type RegoNumber } from "../value/number.js";
import {
  type ArrayValue,
  compareValues,
  isNumber,
  RegoObject,
  RegoSet,
  typeName,
  type Value,
} from "../value/value.js";
import { type BigFloat, floatAdd, floatMul, fromNumber } from "./big-float.js";
import { floatToNumber } from "./big-float-format.js";
import { OperandTypeError } from "./errors.js";
import { exactInt, FLOAT_PREC } from "./numeric.js";
import type { BuiltinDef } from "./registry.js";
import { runeCount } from "./strings-go.js";
import { decl, p, T } from "./types.js";

function count(args: readonly Value[]): number {
  const v = args[0] ?? null;
  if (typeof v === "string") return runeCount(v);
  if (typeof v === "object" && v !== null) {
    if (Array.isArray(v)) return v.length;
    if (v instanceof RegoSet || v instanceof RegoObject) return v.size;
    return Object.keys(v).length;
  }
  throw OperandTypeError.mustBe(1, typeName(v), "array", "object", "set", "string");
}

/** The elements of an array or set operand (`operand 1 must be one of {set, array} …`). */
function collection(args: readonly Value[]): { items: ArrayValue; kind: "array" | "set" } {
  const v = args[0] ?? null;
  if (Array.isArray(v)) return { items: v, kind: "array" };
  if (v instanceof RegoSet) return { items: v.values(), kind: "set" };
  throw OperandTypeError.mustBe(1, typeName(v), "set", "array");
}

/**
 * Folds numbers exactly while they are all integers, else with floats as OPA does (sum in 64-bit
 * floats, product in a 53-bit accumulator). Non-numbers are reported like OPA's element errors.
 */
function fold(args: readonly Value[], product: boolean): RegoNumber {
  const { items, kind } = collection(args);
  if (!product) {
    let acc = 0;
    let i = 0;
    for (; i < items.length; i++) {
      const v = items[i];
      if (typeof v !== "number" || !Number.isSafeInteger(v) || !Number.isSafeInteger(acc + v)) break;
      acc += v;
    }
    if (i === items.length) return acc || 0;
  }
  let exact: bigint | undefined = product ? 1n : 0n;
  for (const v of items) {
    const n = isNumber(v) ? exactInt(v) : undefined;
    if (n === undefined) {
      exact = undefined;
      break;
    }
    exact = product ? exact * n : exact + n;
  }
  if (exact !== undefined) return normalizeBigInt(exact);
  const prec = product ? 53 : FLOAT_PREC;
  let acc: BigFloat = fromNumber(product ? 1 : 0, prec);
  for (const v of items) {
    if (!isNumber(v)) {
      throw new OperandTypeError(1, `must be ${kind} of numbers but got ${kind} containing ${typeName(v)}`);
    }
    const x = fromNumber(v, FLOAT_PREC);
    acc = product ? floatMul(acc, x, prec) : floatAdd(acc, x, prec);
  }
  return floatToNumber(acc);
}

/** The greatest (or least) element; undefined for an empty collection. */
function extreme(args: readonly Value[], sign: 1 | -1): Value | undefined {
  const { items } = collection(args);
  let best = items[0];
  for (let i = 1; i < items.length; i++) {
    const v = items[i] as Value;
    if (best === undefined || compareValues(v, best) * sign >= 0) best = v;
  }
  return best;
}

const SET_OR_ARRAY = T.anyOf(T.array, T.set);
const NUMBERS = T.anyOf(T.arrayOf(T.number), T.setOf(T.number));

/** Aggregates: count, sum, product, max, min, sort, and the deprecated all/any. */
export const aggregatesBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("count", [p("collection", T.anyOf(T.string, T.array, T.object, T.set))], p("n", T.number)),
    impl: count,
  },
  { decl: decl("sum", [p("collection", NUMBERS)], p("n", T.number)), impl: (args) => fold(args, false) },
  { decl: decl("product", [p("collection", NUMBERS)], p("n", T.number)), impl: (args) => fold(args, true) },
  { decl: decl("max", [p("collection", SET_OR_ARRAY)], p("n", T.any)), impl: (args) => extreme(args, 1) },
  { decl: decl("min", [p("collection", SET_OR_ARRAY)], p("n", T.any)), impl: (args) => extreme(args, -1) },
  {
    decl: decl("sort", [p("collection", SET_OR_ARRAY)], p("n", T.array)),
    impl: (args) => {
      const v = args[0] ?? null;
      if (v instanceof RegoSet) return v.values();
      if (Array.isArray(v)) return (v as ArrayValue).toSorted(compareValues);
      throw OperandTypeError.mustBe(1, typeName(v), "set", "array");
    },
  },
  {
    decl: decl("all", [p("collection", SET_OR_ARRAY)], p("result", T.boolean), { deprecated: true }),
    impl: (args) => {
      const v = args[0] ?? null;
      if (v instanceof RegoSet) return v.unordered().every((x) => x === true);
      if (Array.isArray(v)) return (v as ArrayValue).every((x) => x === true);
      throw OperandTypeError.mustBe(1, typeName(v), "array", "set");
    },
  },
  {
    decl: decl("any", [p("collection", SET_OR_ARRAY)], p("result", T.boolean), { deprecated: true }),
    impl: (args) => {
      const v = args[0] ?? null;
      if (v instanceof RegoSet) return v.has(true);
      if (Array.isArray(v)) return (v as ArrayValue).includes(true);
      throw OperandTypeError.mustBe(1, typeName(v), "array", "set");
    },
  },
];
