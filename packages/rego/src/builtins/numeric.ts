import { normalizeBigInt, type RegoNumber } from "../value/number.js";
import { isNumber, typeName, type Value } from "../value/value.js";
import {
  type BigFloat,
  floatAdd,
  floatIsInt,
  floatMul,
  floatQuo,
  floatSub,
  floatTrunc,
  fromNumber,
  parseDecimal,
} from "./big-float.js";
import { floatToNumber } from "./big-float-format.js";
import { BuiltinError, OperandTypeError } from "./errors.js";

/**
 * OPA's number arithmetic: integers exactly (big integers included), anything else with 64-bit
 * mantissa floats, results printed back with the fewest digits (see big-float.ts).
 */
export const FLOAT_PREC = 64;

/** The number as an exact integer, or undefined when it has a fractional part. */
export function exactInt(n: RegoNumber): bigint | undefined {
  if (typeof n === "bigint") return n;
  if (Number.isSafeInteger(n)) return BigInt(n);
  if (!Number.isInteger(n)) return undefined;
  const f = parseDecimal(String(n), Number.MAX_SAFE_INTEGER);
  return f === undefined ? undefined : floatTrunc(f);
}

/** An integer operand of any size, with OPA's `BigIntOperand` messages. */
export function argBigInt(args: readonly Value[], i: number): bigint {
  const v = args[i] ?? null;
  if (!isNumber(v)) throw OperandTypeError.mustBe(i + 1, typeName(v), "integer");
  const n = exactInt(v);
  if (n === undefined)
    throw new OperandTypeError(i + 1, "must be integer number but got floating-point number");
  return n;
}

type FloatOp = (x: BigFloat, y: BigFloat, prec: number) => BigFloat;

function viaFloat(a: RegoNumber, b: RegoNumber, op: FloatOp): RegoNumber {
  return floatToNumber(op(fromNumber(a, FLOAT_PREC), fromNumber(b, FLOAT_PREC), FLOAT_PREC));
}

/** a + b. */
export function addNumbers(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (typeof a === "number" && typeof b === "number" && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r || 0;
  }
  const x = exactInt(a);
  const y = x === undefined ? undefined : exactInt(b);
  if (x !== undefined && y !== undefined) return normalizeBigInt(x + y);
  return viaFloat(a, b, floatAdd);
}

/** a − b. */
export function subNumbers(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (typeof a === "number" && typeof b === "number" && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r || 0;
  }
  const x = exactInt(a);
  const y = x === undefined ? undefined : exactInt(b);
  if (x !== undefined && y !== undefined) return normalizeBigInt(x - y);
  return viaFloat(a, b, floatSub);
}

/** a × b. */
export function mulNumbers(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (typeof a === "number" && typeof b === "number" && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r || 0;
  }
  const x = exactInt(a);
  const y = x === undefined ? undefined : exactInt(b);
  if (x !== undefined && y !== undefined) return normalizeBigInt(x * y);
  return viaFloat(a, b, floatMul);
}

/**
 * a ÷ b: exact when both are integers and b divides a (and a is not 0), otherwise a float quotient
 * (so big integers are rounded to 64 bits, and 0 ÷ −1 is −0, as in OPA).
 */
export function divNumbers(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (b === 0 || b === 0n) throw new BuiltinError("divide by zero");
  if (typeof a === "number" && typeof b === "number" && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    if (a !== 0 && a % b === 0) return a / b;
  }
  return viaFloat(a, b, floatQuo);
}

/** a % b on integers (the sign of a), as Go's truncated remainder. */
export function remNumbers(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (typeof a === "number" && typeof b === "number" && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    if (b === 0) throw new BuiltinError("modulo by zero");
    return a % b || 0;
  }
  const x = exactInt(a);
  const y = x === undefined ? undefined : exactInt(b);
  if (x === undefined || y === undefined) throw new BuiltinError("modulo on floating-point number");
  if (y === 0n) throw new BuiltinError("modulo by zero");
  return normalizeBigInt(x % y);
}

/** |x|. */
export function absNumber(x: RegoNumber): RegoNumber {
  if (typeof x === "number" && Number.isSafeInteger(x)) return Math.abs(x);
  const f = fromNumber(x, FLOAT_PREC);
  return floatToNumber({ ...f, neg: false });
}

const HALF = fromNumber(0.5, 53);
const MINUS_HALF = fromNumber(-0.5, 53);

/** x rounded to the nearest integer, halves away from zero. */
export function roundNumber(x: RegoNumber): RegoNumber {
  if (typeof x === "number" && Number.isSafeInteger(x)) return x || 0;
  const f = fromNumber(x, FLOAT_PREC);
  return normalizeBigInt(floatTrunc(floatAdd(f, f.neg ? MINUS_HALF : HALF, FLOAT_PREC)));
}

/**
 * x rounded up. Like OPA, it truncates towards zero and adds one unless the truncation is negative,
 * so a number between −1 and 0 gives 1.
 */
export function ceilNumber(x: RegoNumber): RegoNumber {
  if (typeof x === "number" && Number.isSafeInteger(x)) return x || 0;
  const f = fromNumber(x, FLOAT_PREC);
  const i = floatTrunc(f);
  return normalizeBigInt(i < 0n || floatIsInt(f) ? i : i + 1n);
}

/**
 * x rounded down. Like OPA, it truncates towards zero and subtracts one only when the truncation is
 * negative, so a number between −1 and 0 gives 0.
 */
export function floorNumber(x: RegoNumber): RegoNumber {
  if (typeof x === "number" && Number.isSafeInteger(x)) return x || 0;
  const f = fromNumber(x, FLOAT_PREC);
  const i = floatTrunc(f);
  return normalizeBigInt(i >= 0n || floatIsInt(f) ? i : i - 1n);
}
