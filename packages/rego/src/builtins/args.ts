import { isIntegral, type RegoNumber } from "../value/number.js";
import {
  type ArrayValue,
  isArray,
  isNumber,
  isObject,
  type ObjectValue,
  RegoSet,
  typeName,
  type Value,
} from "../value/value.js";
import { OperandTypeError } from "./errors.js";

/**
 * Operand helpers: take argument `i` (0-based) with the type a builtin needs, or throw OPA's
 * operand error naming position i+1. Like OPA's `topdown/builtins` package.
 */
export function argString(args: readonly Value[], i: number): string {
  const v = args[i] ?? null;
  if (typeof v !== "string") throw OperandTypeError.mustBe(i + 1, typeName(v), "string");
  return v;
}

/** A number operand. */
export function argNumber(args: readonly Value[], i: number): RegoNumber {
  const v = args[i] ?? null;
  if (!isNumber(v)) throw OperandTypeError.mustBe(i + 1, typeName(v), "number");
  return v;
}

/** An integer operand (`operand N must be integer number but got floating-point number`). */
export function argInteger(args: readonly Value[], i: number): RegoNumber {
  const n = argNumber(args, i);
  if (!isIntegral(n))
    throw new OperandTypeError(i + 1, "must be integer number but got floating-point number");
  return n;
}

/** A boolean operand. */
export function argBoolean(args: readonly Value[], i: number): boolean {
  const v = args[i] ?? null;
  if (typeof v !== "boolean") throw OperandTypeError.mustBe(i + 1, typeName(v), "boolean");
  return v;
}

/** An array operand. */
export function argArray(args: readonly Value[], i: number): ArrayValue {
  const v = args[i] ?? null;
  if (!isArray(v)) throw OperandTypeError.mustBe(i + 1, typeName(v), "array");
  return v;
}

/** A set operand. */
export function argSet(args: readonly Value[], i: number): RegoSet {
  const v = args[i] ?? null;
  if (!(v instanceof RegoSet)) throw OperandTypeError.mustBe(i + 1, typeName(v), "set");
  return v;
}

/** An object operand. */
export function argObject(args: readonly Value[], i: number): ObjectValue {
  const v = args[i] ?? null;
  if (!isObject(v)) throw OperandTypeError.mustBe(i + 1, typeName(v), "object");
  return v;
}

/** An operand of one of several types; `expected` lists OPA's type names for the message. */
export function argOneOf(
  args: readonly Value[],
  i: number,
  expected: readonly ReturnType<typeof typeName>[],
): Value {
  const v = args[i] ?? null;
  const t = typeName(v);
  if (!expected.includes(t)) throw OperandTypeError.mustBe(i + 1, t, ...expected);
  return v;
}
