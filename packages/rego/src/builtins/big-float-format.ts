import { normalizeBigInt, type RegoNumber } from "../value/number.js";
import { type BigFloat, bitLength } from "./big-float.js";

const LOG10_2 = Math.log10(2);

/**
 * Converts a float result back to a Rego number the way OPA does: it prints the float with the
 * fewest decimal digits that read back to the same float at its precision (Go's `Text('g', -1)`),
 * and that text is the number. Integers that fit the precision are exact.
 */
export function floatToNumber(x: BigFloat): RegoNumber {
  if (x.mant === 0n) return x.neg ? -0 : 0;
  if (x.exp >= 0 && bitLength(x.mant) + x.exp <= x.prec) {
    const i = x.mant << BigInt(x.exp);
    return normalizeBigInt(x.neg ? -i : i);
  }
  const { digits, exp10 } = shortestDecimal(x);
  if (exp10 >= 0) {
    const i = digits * 10n ** BigInt(exp10);
    return normalizeBigInt(x.neg ? -i : i);
  }
  const n = Number(`${x.neg ? "-" : ""}${digits}e${exp10}`);
  return Number.isInteger(n) && !Number.isSafeInteger(n) ? normalizeBigInt(BigInt(n)) : n;
}

/**
 * The decimal digits × 10^exp10 with the fewest digits inside the rounding interval of `x` (half an
 * ulp either side, bounds included when the mantissa is even), nearest to `x` on ties.
 */
export function shortestDecimal(x: BigFloat): { digits: bigint; exp10: number } {
  const shift = x.prec - bitLength(x.mant);
  const m = x.mant << BigInt(shift);
  const e = x.exp - shift - 1;
  const bounds: Bounds = {
    x: 2n * m,
    inclusive: (m & 1n) === 0n,
    num: e >= 0 ? 1n << BigInt(e) : 1n,
    den: e >= 0 ? 1n : 1n << BigInt(-e),
  };
  let q = Math.floor((e + 1) * LOG10_2) - 1;
  let best = candidate(bounds, q);
  while (best === undefined) {
    q -= 1;
    best = candidate(bounds, q);
  }
  for (;;) {
    const next = candidate(bounds, q + 1);
    if (next === undefined) return { digits: best, exp10: q };
    best = next;
    q += 1;
  }
}

/** The interval [x−1, x+1] × num/den (in units of half an ulp). */
interface Bounds {
  readonly x: bigint;
  readonly inclusive: boolean;
  readonly num: bigint;
  readonly den: bigint;
}

/** The multiple of 10^q in the interval nearest to x, as its count of 10^q; undefined if none. */
function candidate(b: Bounds, q: number): bigint | undefined {
  const up10 = q < 0 ? 10n ** BigInt(-q) : 1n;
  const unit = q > 0 ? b.den * 10n ** BigInt(q) : b.den;
  const xs = b.x * b.num * up10;
  const half = b.num * up10;
  const down = xs / unit;
  const r = xs - down * unit;
  if (r === 0n) return down;
  const lo = down * unit;
  const hi = lo + unit;
  const downOk = b.inclusive ? lo >= xs - half : lo > xs - half;
  const upOk = b.inclusive ? hi <= xs + half : hi < xs + half;
  if (downOk && upOk) {
    const twice = 2n * r;
    if (twice < unit) return down;
    if (twice > unit) return down + 1n;
    return (down & 1n) === 0n ? down : down + 1n;
  }
  if (downOk) return down;
  if (upOk) return down + 1n;
  return undefined;
}
