import type { RegoNumber } from "../value/number.js";

/**
 * A binary floating-point number with a given mantissa precision, rounded to nearest-even, as Go's
 * `big.Float` computes. OPA does its non-integer arithmetic with `big.Float` (64-bit mantissas), so
 * its results differ from IEEE doubles: `0.1 + 0.2` is `0.3`. Value: (-1)^neg × mant × 2^exp, with
 * `mant` odd (trailing zero bits folded into `exp`) or zero.
 */
export interface BigFloat {
  readonly neg: boolean;
  readonly mant: bigint;
  readonly exp: number;
  /** Mantissa bits the value was rounded to (64 for OPA's numbers). */
  readonly prec: number;
}

/** Bits of `n` (n ≥ 0); 0 for 0. */
export function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(hex.charAt(0), 16)));
}

function zero(neg: boolean, prec: number): BigFloat {
  return { neg, mant: 0n, exp: 0, prec };
}

function normalized(neg: boolean, mant: bigint, exp: number, prec: number): BigFloat {
  if (mant === 0n) return zero(neg, prec);
  const tz = bitLength(mant & -mant) - 1;
  return tz === 0 ? { neg, mant, exp, prec } : { neg, mant: mant >> BigInt(tz), exp: exp + tz, prec };
}

function shiftedQuotient(num: bigint, den: bigint, s: number): { q: bigint; r: bigint; d: bigint } {
  const n = s >= 0 ? num << BigInt(s) : num;
  const d = s >= 0 ? den : den << BigInt(-s);
  const q = n / d;
  return { q, r: n - q * d, d };
}

/** Rounds (num / den) × 2^exp2 to `prec` bits, ties to even. `num` ≥ 0, `den` > 0. */
export function roundRational(neg: boolean, num: bigint, den: bigint, exp2: number, prec: number): BigFloat {
  if (num === 0n) return zero(neg, prec);
  if (den === 1n && bitLength(num) <= prec) return normalized(neg, num, exp2, prec);
  let s = prec - bitLength(num) + bitLength(den);
  let { q, r, d } = shiftedQuotient(num, den, s);
  if (bitLength(q) > prec) {
    s -= 1;
    ({ q, r, d } = shiftedQuotient(num, den, s));
  }
  const twice = r * 2n;
  if (twice > d || (twice === d && (q & 1n) === 1n)) q += 1n;
  return normalized(neg, q, exp2 - s, prec);
}

/** The float re-rounded to another precision. */
export function roundTo(x: BigFloat, prec: number): BigFloat {
  return roundRational(x.neg, x.mant, 1n, x.exp, prec);
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Parses decimal text (Go's `SetString` on a zero-precision Float) rounded to `prec` bits. */
export function parseDecimal(text: string, prec: number): BigFloat | undefined {
  const m = DECIMAL.exec(text);
  if (m === null) return undefined;
  const frac = m[3] ?? "";
  const digits = BigInt((m[2] ?? "0") + frac);
  const exp10 = Number(m[4] ?? "0") - frac.length;
  const neg = m[1] === "-";
  if (exp10 >= 0) return roundRational(neg, digits * 10n ** BigInt(exp10), 1n, 0, prec);
  return roundRational(neg, digits, 10n ** BigInt(-exp10), 0, prec);
}

/** A Rego number as OPA reads it into a `big.Float`: from its decimal text, rounded to `prec` bits. */
export function fromNumber(n: RegoNumber, prec: number): BigFloat {
  if (typeof n === "bigint") return roundRational(n < 0n, n < 0n ? -n : n, 1n, 0, prec);
  if (n === 0) return zero(Object.is(n, -0), prec);
  if (Number.isSafeInteger(n)) return roundRational(n < 0, BigInt(Math.abs(n)), 1n, 0, prec);
  return parseDecimal(String(n), prec) ?? zero(false, prec);
}

/** x + y rounded to `prec` bits (an exact zero sum is +0, as with round-to-nearest). */
export function floatAdd(x: BigFloat, y: BigFloat, prec: number): BigFloat {
  if (x.mant === 0n && y.mant === 0n) return zero(x.neg && y.neg, prec);
  if (x.mant === 0n) return roundTo(y, prec);
  if (y.mant === 0n) return roundTo(x, prec);
  const e = Math.min(x.exp, y.exp);
  const a = x.mant << BigInt(x.exp - e);
  const b = y.mant << BigInt(y.exp - e);
  const sum = (x.neg ? -a : a) + (y.neg ? -b : b);
  if (sum === 0n) return zero(false, prec);
  return roundRational(sum < 0n, sum < 0n ? -sum : sum, 1n, e, prec);
}

/** x − y rounded to `prec` bits. */
export function floatSub(x: BigFloat, y: BigFloat, prec: number): BigFloat {
  return floatAdd(x, { ...y, neg: !y.neg }, prec);
}

/** x × y rounded to `prec` bits. */
export function floatMul(x: BigFloat, y: BigFloat, prec: number): BigFloat {
  return roundRational(x.neg !== y.neg, x.mant * y.mant, 1n, x.exp + y.exp, prec);
}

/** x ÷ y rounded to `prec` bits; y must not be zero. */
export function floatQuo(x: BigFloat, y: BigFloat, prec: number): BigFloat {
  return roundRational(x.neg !== y.neg, x.mant, y.mant, x.exp - y.exp, prec);
}

/** True when the value has no fractional part. */
export function floatIsInt(x: BigFloat): boolean {
  return x.mant === 0n || x.exp >= 0;
}

/** The value truncated towards zero. */
export function floatTrunc(x: BigFloat): bigint {
  const t = x.exp >= 0 ? x.mant << BigInt(x.exp) : x.mant >> BigInt(-x.exp);
  return x.neg ? -t : t;
}
