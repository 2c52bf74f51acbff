/** CEL's standard functions: size, string tests, conversions, type, dyn and optional helpers. */
import { cpLength } from "./codepoints.js";
import { CelEvalError } from "./errors.js";
import { type FunctionTable, NO_OVERLOAD } from "./functions.js";
import { regexMatches } from "./lib-regex.js";
import { checkInt } from "./operators.js";
import { durationToString, parseDuration, parseTimestamp, timestampToString } from "./time.js";
import { utf8Decode, utf8Encode } from "./utf8.js";
import {
  CelDuration,
  CelOpaque,
  CelOptional,
  CelTimestamp,
  CelType,
  CelUint,
  type CelValue,
  formatDouble,
  typeName,
} from "./values.js";

const UINT64_MAX = 2n ** 64n - 1n;

function size(v: CelValue): CelValue | typeof NO_OVERLOAD {
  if (typeof v === "string") return BigInt(cpLength(v));
  if (Array.isArray(v)) return BigInt(v.length);
  if (v instanceof Map) return BigInt(v.size);
  if (v instanceof Uint8Array) return BigInt(v.length);
  return NO_OVERLOAD;
}

function strings2(fn: (a: string, b: string) => CelValue) {
  return ([a, b]: readonly CelValue[]): CelValue | typeof NO_OVERLOAD =>
    typeof a === "string" && typeof b === "string" ? fn(a, b) : NO_OVERLOAD;
}

function toInt(v: CelValue): CelValue | typeof NO_OVERLOAD {
  if (typeof v === "bigint") return v;
  if (v instanceof CelUint) return checkInt(v.value);
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v <= -(2 ** 63) || v >= 2 ** 63) throw new CelEvalError("integer overflow");
    return BigInt(Math.trunc(v));
  }
  if (typeof v === "string") {
    if (!/^[+-]?\d+$/.test(v)) throw new CelEvalError(`cannot convert string '${v}' to int`);
    return checkInt(BigInt(v));
  }
  if (v instanceof CelTimestamp)
    return v.nanos / 1_000_000_000n - (v.nanos < 0n && v.nanos % 1_000_000_000n !== 0n ? 1n : 0n);
  if (v instanceof CelDuration) return v.nanos;
  return NO_OVERLOAD;
}

function toUint(v: CelValue): CelValue | typeof NO_OVERLOAD {
  if (v instanceof CelUint) return v;
  let n: bigint;
  if (typeof v === "bigint") n = v;
  else if (typeof v === "number") {
    if (!Number.isFinite(v) || v <= -1 || v >= 2 ** 64) throw new CelEvalError("unsigned integer overflow");
    n = BigInt(Math.trunc(v));
  } else if (typeof v === "string") {
    if (!/^\+?\d+$/.test(v)) throw new CelEvalError(`cannot convert string '${v}' to uint`);
    n = BigInt(v);
  } else return NO_OVERLOAD;
  if (n < 0n || n > UINT64_MAX) throw new CelEvalError("unsigned integer overflow");
  return new CelUint(n);
}

function toDouble(v: CelValue): CelValue | typeof NO_OVERLOAD {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof CelUint) return Number(v.value);
  if (typeof v === "string") {
    const t = v.trim();
    if (t !== v || !/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|[Ii]nf(inity)?|NaN)$/.test(v))
      throw new CelEvalError(`cannot convert string '${v}' to double`);
    if (/nan/i.test(v)) return Number.NaN;
    if (/inf/i.test(v)) return v.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    return Number(v);
  }
  return NO_OVERLOAD;
}

/** `string(x)` as cel-go formats it. */
export function toCelString(v: CelValue): CelValue | typeof NO_OVERLOAD {
  if (typeof v === "string") return v;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return formatDouble(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof CelUint) return v.value.toString();
  if (v instanceof Uint8Array) {
    const s = utf8Decode(v);
    if (s === undefined) throw new CelEvalError("invalid UTF-8 in bytes, cannot convert to string");
    return s;
  }
  if (v instanceof CelTimestamp) return timestampToString(v);
  if (v instanceof CelDuration) return durationToString(v);
  if (v instanceof CelType) return v.name;
  if (v instanceof CelOpaque) return v.text() ?? NO_OVERLOAD;
  return NO_OVERLOAD;
}

function toBool(v: CelValue): CelValue | typeof NO_OVERLOAD {
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    if (["1", "t", "T", "true", "TRUE", "True"].includes(v)) return true;
    if (["0", "f", "F", "false", "FALSE", "False"].includes(v)) return false;
    throw new CelEvalError(`type conversion error from 'string' to 'bool'`);
  }
  return NO_OVERLOAD;
}

function isZero(v: CelValue): boolean {
  if (v === null || v === false || v === 0n || v === 0 || v === "") return true;
  if (v instanceof CelUint) return v.value === 0n;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  if (v instanceof Uint8Array) return v.length === 0;
  return false;
}

/** Registers the standard functions. */
export function registerStdlib(t: FunctionTable): void {
  t.global("size", ([v]) => size(v ?? null));
  t.member("size", ([v]) => size(v ?? null));
  t.member(
    "contains",
    strings2((a, b) => a.includes(b)),
  );
  t.member(
    "startsWith",
    strings2((a, b) => a.startsWith(b)),
  );
  t.member(
    "endsWith",
    strings2((a, b) => a.endsWith(b)),
  );
  t.member(
    "matches",
    strings2((a, b) => regexMatches(b, a)),
  );
  t.global(
    "matches",
    strings2((a, b) => regexMatches(b, a)),
  );
  t.global("int", ([v]) => toInt(v ?? null));
  t.global("uint", ([v]) => toUint(v ?? null));
  t.global("double", ([v]) => toDouble(v ?? null));
  t.global("string", ([v]) => toCelString(v ?? null));
  t.global("bool", ([v]) => toBool(v ?? null));
  t.global("bytes", ([v]) => {
    if (v instanceof Uint8Array) return v;
    return typeof v === "string" ? utf8Encode(v) : NO_OVERLOAD;
  });
  t.global("dyn", ([v]) => v ?? null);
  t.global("type", ([v]) => new CelType(typeName(v ?? null)));
  t.global("duration", ([v]) => {
    if (v instanceof CelDuration) return v;
    return typeof v === "string" ? parseDuration(v) : NO_OVERLOAD;
  });
  t.global("timestamp", ([v]) => {
    if (v instanceof CelTimestamp) return v;
    if (typeof v === "bigint") return new CelTimestamp(v * 1_000_000_000n);
    return typeof v === "string" ? parseTimestamp(v) : NO_OVERLOAD;
  });

  t.global("optional.of", ([v]) => new CelOptional(v ?? null));
  t.global("optional.none", (args) => (args.length === 0 ? CelOptional.NONE : NO_OVERLOAD));
  t.global("optional.ofNonZeroValue", ([v]) => {
    const x = v ?? null;
    return isZero(x) ? CelOptional.NONE : new CelOptional(x);
  });
  t.member("hasValue", ([o]) => (o instanceof CelOptional ? o.hasValue() : NO_OVERLOAD));
  t.member("value", ([o]) => {
    if (!(o instanceof CelOptional)) return NO_OVERLOAD;
    if (o.value === undefined) throw new CelEvalError("optional.none() dereference");
    return o.value;
  });
  t.member("orValue", ([o, d]) => {
    if (!(o instanceof CelOptional) || d === undefined) return NO_OVERLOAD;
    return o.value === undefined ? d : o.value;
  });
  t.member("or", ([o, p]) => {
    if (!(o instanceof CelOptional) || !(p instanceof CelOptional)) return NO_OVERLOAD;
    return o.value === undefined ? p : o;
  });
}
