/** CEL's arithmetic, comparison and membership operators. */
import { CelEvalError } from "./errors.js";
import { overloadError } from "./functions.js";
import {
  CelDuration,
  CelTimestamp,
  CelUint,
  type CelValue,
  celCompare,
  celEquals,
  mapGet,
} from "./values.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
/** Timestamps must lie in years 0001–9999. */
const TS_MIN = -62135596800n * 1_000_000_000n;
const TS_MAX = 253402300799n * 1_000_000_000n + 999_999_999n;

/** Checks an int result against the int64 range. */
export function checkInt(v: bigint): bigint {
  if (v < INT64_MIN || v > INT64_MAX) throw new CelEvalError("integer overflow");
  return v;
}

function checkUint(v: bigint): CelUint {
  if (v < 0n || v > UINT64_MAX) throw new CelEvalError("unsigned integer overflow");
  return new CelUint(v);
}

function checkDuration(v: bigint): CelDuration {
  if (v < INT64_MIN || v > INT64_MAX) throw new CelEvalError("duration out of range");
  return new CelDuration(v);
}

function checkTimestamp(v: bigint): CelTimestamp {
  if (v < TS_MIN || v > TS_MAX) throw new CelEvalError("timestamp out of range");
  return new CelTimestamp(v);
}

/** `a + b`. */
export function add(a: CelValue, b: CelValue): CelValue {
  if (typeof a === "bigint" && typeof b === "bigint") return checkInt(a + b);
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (typeof a === "string" && typeof b === "string") return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === 0 ? b : b.length === 0 ? a : [...a, ...b];
  if (a instanceof CelUint && b instanceof CelUint) return checkUint(a.value + b.value);
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  }
  if (a instanceof CelDuration && b instanceof CelDuration) return checkDuration(a.nanos + b.nanos);
  if (a instanceof CelTimestamp && b instanceof CelDuration) return checkTimestamp(a.nanos + b.nanos);
  if (a instanceof CelDuration && b instanceof CelTimestamp) return checkTimestamp(a.nanos + b.nanos);
  throw overloadError("_+_", [a, b]);
}

/** `a - b`. */
export function sub(a: CelValue, b: CelValue): CelValue {
  if (typeof a === "bigint" && typeof b === "bigint") return checkInt(a - b);
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (a instanceof CelUint && b instanceof CelUint) return checkUint(a.value - b.value);
  if (a instanceof CelDuration && b instanceof CelDuration) return checkDuration(a.nanos - b.nanos);
  if (a instanceof CelTimestamp && b instanceof CelDuration) return checkTimestamp(a.nanos - b.nanos);
  if (a instanceof CelTimestamp && b instanceof CelTimestamp) return checkDuration(a.nanos - b.nanos);
  throw overloadError("_-_", [a, b]);
}

/** `a * b`. */
export function mul(a: CelValue, b: CelValue): CelValue {
  if (typeof a === "bigint" && typeof b === "bigint") return checkInt(a * b);
  if (typeof a === "number" && typeof b === "number") return a * b;
  if (a instanceof CelUint && b instanceof CelUint) return checkUint(a.value * b.value);
  throw overloadError("_*_", [a, b]);
}

/** `a / b`: ints truncate toward zero. */
export function div(a: CelValue, b: CelValue): CelValue {
  if (typeof a === "bigint" && typeof b === "bigint") {
    if (b === 0n) throw new CelEvalError("division by zero");
    return checkInt(a / b);
  }
  if (typeof a === "number" && typeof b === "number") return a / b;
  if (a instanceof CelUint && b instanceof CelUint) {
    if (b.value === 0n) throw new CelEvalError("division by zero");
    return new CelUint(a.value / b.value);
  }
  throw overloadError("_/_", [a, b]);
}

/** `a % b`: the sign follows the dividend. */
export function mod(a: CelValue, b: CelValue): CelValue {
  if (typeof a === "bigint" && typeof b === "bigint") {
    if (b === 0n) throw new CelEvalError("modulus by zero");
    return a % b;
  }
  if (a instanceof CelUint && b instanceof CelUint) {
    if (b.value === 0n) throw new CelEvalError("modulus by zero");
    return new CelUint(a.value % b.value);
  }
  throw overloadError("_%_", [a, b]);
}

/** Unary `-a`. */
export function negate(a: CelValue): CelValue {
  if (typeof a === "bigint") return checkInt(-a);
  if (typeof a === "number") return -a;
  if (a instanceof CelDuration) return checkDuration(-a.nanos);
  throw overloadError("-_", [a]);
}

/** Unary `!a`. */
export function not(a: CelValue): CelValue {
  if (typeof a === "boolean") return !a;
  throw overloadError("!_", [a]);
}

/** `<`, `<=`, `>`, `>=`. */
export function relation(op: "<" | "<=" | ">" | ">=", a: CelValue, b: CelValue): boolean {
  const c = celCompare(a, b);
  if (c === undefined) throw overloadError(`_${op}_`, [a, b]);
  if (Number.isNaN(c)) return false;
  switch (op) {
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
  }
}

/** `a == b`. */
export function equals(a: CelValue, b: CelValue): boolean {
  return celEquals(a, b);
}

/** `a in b` for lists (element) and maps (key). */
export function inOp(a: CelValue, b: CelValue): boolean {
  if (Array.isArray(b)) {
    for (const x of b) if (celEquals(a, x)) return true;
    return false;
  }
  if (b instanceof Map) return mapGet(b, a) !== undefined;
  throw overloadError("@in", [a, b]);
}
