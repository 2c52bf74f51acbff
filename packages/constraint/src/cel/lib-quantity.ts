/** Kubernetes' quantity library: `quantity("500m")` and its comparison and arithmetic methods. */
import { CelEvalError } from "./errors.js";
import { type FunctionTable, NO_OVERLOAD } from "./functions.js";
import { checkInt } from "./operators.js";
import { CelOpaque } from "./values.js";

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
export class Quantity extends CelOpaque {
  readonly typeName = "kubernetes.Quantity";
  constructor(readonly nanos: bigint) {
    super();
  }
  equals(other: CelOpaque): boolean {
    return other instanceof Quantity && other.nanos === this.nanos;
  }
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
  return new Quantity(neg ? -nanos : nanos);
}

function toQuantity(v: unknown): Quantity | undefined {
  if (v instanceof Quantity) return v;
  if (typeof v === "bigint") return new Quantity(v * 10n ** BigInt(SCALE));
  return undefined;
}

const NANO = 10n ** BigInt(SCALE);

/** Registers the quantity functions. */
export function registerQuantity(t: FunctionTable): void {
  t.global("quantity", ([s]) => {
    if (typeof s !== "string") return NO_OVERLOAD;
    const q = parseQuantity(s);
    if (q === undefined)
      throw new CelEvalError(
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      );
    return q;
  });
  t.global("isQuantity", ([s]) => (typeof s === "string" ? parseQuantity(s) !== undefined : NO_OVERLOAD));
  t.member("sign", ([q]) =>
    q instanceof Quantity ? BigInt(q.nanos > 0n ? 1 : q.nanos < 0n ? -1 : 0) : NO_OVERLOAD,
  );
  t.member("isInteger", ([q]) => {
    if (!(q instanceof Quantity)) return NO_OVERLOAD;
    if (q.nanos % NANO !== 0n) return false;
    const v = q.nanos / NANO;
    return v >= INT64_MIN && v <= INT64_MAX;
  });
  t.member("asInteger", ([q]) => {
    if (!(q instanceof Quantity)) return NO_OVERLOAD;
    if (q.nanos % NANO !== 0n) throw new CelEvalError("cannot convert value to integer");
    const v = q.nanos / NANO;
    if (v < INT64_MIN || v > INT64_MAX) throw new CelEvalError("cannot convert value to integer");
    return v;
  });
  t.member("asApproximateFloat", ([q]) => (q instanceof Quantity ? Number(q.nanos) / 1e9 : NO_OVERLOAD));
  t.member("add", ([a, b]) => {
    const y = toQuantity(b);
    return a instanceof Quantity && y !== undefined ? new Quantity(a.nanos + y.nanos) : NO_OVERLOAD;
  });
  t.member("sub", ([a, b]) => {
    const y = toQuantity(b);
    return a instanceof Quantity && y !== undefined ? new Quantity(a.nanos - y.nanos) : NO_OVERLOAD;
  });
  t.member("isGreaterThan", ([a, b]) =>
    a instanceof Quantity && b instanceof Quantity ? a.nanos > b.nanos : NO_OVERLOAD,
  );
  t.member("isLessThan", ([a, b]) =>
    a instanceof Quantity && b instanceof Quantity ? a.nanos < b.nanos : NO_OVERLOAD,
  );
  t.member("compareTo", ([a, b]) =>
    a instanceof Quantity && b instanceof Quantity
      ? checkInt(BigInt(a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0))
      : NO_OVERLOAD,
  );
}
