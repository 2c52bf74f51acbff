/** Kubernetes' quantity library: `quantity("500m")` and its comparison and arithmetic methods. */
import { type CelFunc, CelScalar, celFunc, celMethod } from "@bufbuild/cel";
import { CelEvalError } from "./errors.js";
import { opaqueKind } from "./opaque.js";

const PATTERN = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const BINARY: Record<string, bigint> = {
  Ki: 2n ** 10n,
  Mi: 2n ** 20n,
  Gi: 2n ** 30n,
  Ti: 2n ** 40n,
  Pi: 2n ** 50n,
  Ei: 2n ** 60n,
};
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
/** Values are kept in units of 10^-9, rounding up like Kubernetes does below a nano. */
const SCALE = 9;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A Kubernetes resource quantity, held exactly in nano units. */
export interface Quantity {
  readonly nanos: bigint;
}

/** Parses a quantity string; undefined when it is not one. */
export function parseQuantity(s: string): Quantity | undefined {
  const m = PATTERN.exec(s);
  if (m === null) return undefined;
  const [, num = "0", suffix = ""] = m;
  const neg = num.startsWith("-");
  const digits = num.replace(/^[+-]/, "");
  const [whole = "", frac = ""] = digits.split(".");
  // Mantissa as an integer with `frac.length` decimal places.
  let mant = BigInt(`${whole}${frac}` || "0");
  let exp10 = -frac.length;
  let mult = 1n;
  if (suffix in BINARY) mult = BINARY[suffix] ?? 1n;
  else if (/^[eE]/.test(suffix)) exp10 += Number(suffix.slice(1));
  else exp10 += DECIMAL[suffix] ?? 0;
  mant *= mult;
  const shift = exp10 + SCALE;
  let nanos: bigint;
  if (shift >= 0) {
    if (shift > 40) return undefined;
    nanos = mant * 10n ** BigInt(shift);
  } else {
    const d = 10n ** BigInt(-shift);
    nanos = mant / d + (mant % d === 0n ? 0n : 1n);
  }
  return { nanos: neg ? -nanos : nanos };
}

const NANO = 10n ** BigInt(SCALE);

/** The `kubernetes.Quantity` CEL type. */
export const QUANTITY = opaqueKind<Quantity>(
  "kubernetes.Quantity",
  (q) => q.nanos.toString(),
  (s) => ({ nanos: BigInt(s) }),
);
const Q = QUANTITY.type;
const { BOOL, DOUBLE, INT, STRING } = CelScalar;

function compare(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

function quantity(s: string): Quantity {
  const q = parseQuantity(s);
  if (q === undefined)
    throw new CelEvalError(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  return q;
}

function asInteger(q: Quantity): bigint {
  const v = q.nanos / NANO;
  if (q.nanos % NANO !== 0n || v < INT64_MIN || v > INT64_MAX)
    throw new CelEvalError("cannot convert value to integer");
  return v;
}

/** The quantity functions. */
export function quantityFunctions(): CelFunc[] {
  const { wrap, unwrap } = QUANTITY;
  const nanosOf = (i: bigint): bigint => i * NANO;
  return [
    celFunc("quantity", [STRING], Q, (s) => wrap(quantity(s))),
    celFunc("isQuantity", [STRING], BOOL, (s) => parseQuantity(s) !== undefined),
    celMethod("sign", Q, [], INT, function () {
      return BigInt(compare(unwrap(this), { nanos: 0n }));
    }),
    celMethod("isInteger", Q, [], BOOL, function () {
      const q = unwrap(this);
      const v = q.nanos / NANO;
      return q.nanos % NANO === 0n && v >= INT64_MIN && v <= INT64_MAX;
    }),
    celMethod("asInteger", Q, [], INT, function () {
      return asInteger(unwrap(this));
    }),
    celMethod("asApproximateFloat", Q, [], DOUBLE, function () {
      return Number(unwrap(this).nanos) / 1e9;
    }),
    celMethod("add", Q, [Q], Q, function (o) {
      return wrap({ nanos: unwrap(this).nanos + unwrap(o).nanos });
    }),
    celMethod("add", Q, [INT], Q, function (i) {
      return wrap({ nanos: unwrap(this).nanos + nanosOf(i) });
    }),
    celMethod("sub", Q, [Q], Q, function (o) {
      return wrap({ nanos: unwrap(this).nanos - unwrap(o).nanos });
    }),
    celMethod("sub", Q, [INT], Q, function (i) {
      return wrap({ nanos: unwrap(this).nanos - nanosOf(i) });
    }),
    celMethod("isGreaterThan", Q, [Q], BOOL, function (o) {
      return compare(unwrap(this), unwrap(o)) > 0;
    }),
    celMethod("isLessThan", Q, [Q], BOOL, function (o) {
      return compare(unwrap(this), unwrap(o)) < 0;
    }),
    celMethod("compareTo", Q, [Q], INT, function (o) {
      return BigInt(compare(unwrap(this), unwrap(o)));
    }),
  ];
}
