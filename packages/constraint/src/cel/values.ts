/**
 * CEL runtime values as JavaScript values: `null`, `boolean`, `bigint` (int), `number` (double),
 * `string`, `Uint8Array` (bytes), {@link CelUint}, arrays (lists), `Map` (maps), {@link CelType},
 * {@link CelOptional}, {@link CelDuration}, {@link CelTimestamp} and library objects
 * ({@link CelOpaque}: quantity, URL, IP, CIDR, semver).
 */

/** A CEL `uint`. */
export class CelUint {
  constructor(readonly value: bigint) {}
}

/** A CEL type value, as returned by `type(x)`. */
export class CelType {
  constructor(readonly name: string) {}
}

/** A CEL `optional_type` value: `optional.of(x)` or `optional.none()`. */
export class CelOptional {
  static readonly NONE = new CelOptional(undefined);
  constructor(readonly value: CelValue | undefined) {}
  hasValue(): boolean {
    return this.value !== undefined;
  }
}

/** A `google.protobuf.Duration`, in nanoseconds. */
export class CelDuration {
  constructor(readonly nanos: bigint) {}
}

/** A `google.protobuf.Timestamp`, in nanoseconds since the Unix epoch (UTC). */
export class CelTimestamp {
  constructor(readonly nanos: bigint) {}
}

/** A library object (quantity, URL, IP, CIDR, semver): opaque to the language, typed by name. */
export abstract class CelOpaque {
  abstract readonly typeName: string;
  abstract equals(other: CelOpaque): boolean;
  /** The value's `string(x)` form, or undefined when it has none. */
  text(): string | undefined {
    return undefined;
  }
}

/** A CEL map. Keys are strings, ints (bigint), uints or bools. */
export type CelMap = Map<CelValue, CelValue>;

/** Any CEL value. */
export type CelValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | Uint8Array
  | CelUint
  | readonly CelValue[]
  | CelMap
  | CelType
  | CelOptional
  | CelDuration
  | CelTimestamp
  | CelOpaque;

/** The CEL type name of a value (`int`, `string`, `map`, `net.IP`, …). */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return "null_type";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return "double";
    case "string":
      return "string";
  }
  if (Array.isArray(v)) return "list";
  if (v instanceof Map) return "map";
  if (v instanceof Uint8Array) return "bytes";
  if (v instanceof CelUint) return "uint";
  if (v instanceof CelType) return "type";
  if (v instanceof CelOptional) return "optional_type";
  if (v instanceof CelDuration) return "google.protobuf.Duration";
  if (v instanceof CelTimestamp) return "google.protobuf.Timestamp";
  if (v instanceof CelOpaque) return v.typeName;
  return "unknown";
}

/** Whether a value is a CEL list. */
export function isList(v: unknown): v is readonly CelValue[] {
  return Array.isArray(v);
}

/**
 * Converts parsed JSON/YAML into CEL values: integral numbers become ints, other numbers doubles,
 * objects maps. Anything that is not JSON becomes null.
 */
export function fromJson(v: unknown): CelValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "boolean":
    case "string":
      return v;
    case "number":
      return Number.isInteger(v) ? BigInt(v) : v;
    case "bigint":
      return v;
    case "object": {
      if (Array.isArray(v)) return v.map(fromJson);
      if (v instanceof Map) {
        const m: CelMap = new Map();
        for (const [k, x] of v) m.set(fromJson(k), fromJson(x));
        return m;
      }
      const m: CelMap = new Map();
      for (const k of Object.keys(v)) m.set(k, fromJson((v as Record<string, unknown>)[k]));
      return m;
    }
    default:
      return null;
  }
}

/** Converts a CEL value back to plain JSON-like JavaScript (ints become numbers). */
export function toJson(v: CelValue): unknown {
  if (v === null || typeof v === "boolean" || typeof v === "string" || typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof CelUint) return Number(v.value);
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) out[String(toJson(k))] = toJson(x);
    return out;
  }
  if (v instanceof CelOptional) return v.value === undefined ? null : toJson(v.value);
  if (v instanceof CelType) return v.name;
  return String(v);
}

/** A numeric value as a JS number for cross-type comparisons, or undefined if not numeric. */
function numeric(v: CelValue): number | bigint | undefined {
  if (typeof v === "bigint" || typeof v === "number") return v;
  if (v instanceof CelUint) return v.value;
  return undefined;
}

function compareNumeric(a: number | bigint, b: number | bigint): number {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  // Mixed int/double: compare exactly where possible.
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x < y) return -1;
  if (x > y) return 1;
  if (typeof a === "bigint" && Number.isInteger(y)) {
    const yb = BigInt(y);
    return a < yb ? -1 : a > yb ? 1 : 0;
  }
  if (typeof b === "bigint" && Number.isInteger(x)) {
    const xb = BigInt(x);
    return xb < b ? -1 : xb > b ? 1 : 0;
  }
  return 0;
}

/** CEL heterogeneous equality: values of different types are unequal, numbers compare across types. */
export function celEquals(a: CelValue, b: CelValue): boolean {
  if (a === b) return typeof a !== "number" || !Number.isNaN(a);
  const na = numeric(a);
  if (na !== undefined) {
    const nb = numeric(b);
    return nb !== undefined && compareNumeric(na, nb) === 0;
  }
  if (a === null || b === null) return false;
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!celEquals(a[i] as CelValue, b[i] as CelValue)) return false;
    return true;
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, x] of a) {
      const y = mapGet(b, k);
      if (y === undefined || !celEquals(x, y)) return false;
    }
    return true;
  }
  if (a instanceof Uint8Array) {
    if (!(b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (a instanceof CelType) return b instanceof CelType && a.name === b.name;
  if (a instanceof CelOptional) {
    if (!(b instanceof CelOptional)) return false;
    if (a.value === undefined || b.value === undefined) return a.value === b.value;
    return celEquals(a.value, b.value);
  }
  if (a instanceof CelDuration) return b instanceof CelDuration && a.nanos === b.nanos;
  if (a instanceof CelTimestamp) return b instanceof CelTimestamp && a.nanos === b.nanos;
  if (a instanceof CelOpaque) return b instanceof CelOpaque && a.typeName === b.typeName && a.equals(b);
  return false;
}

/**
 * Orders two values: negative, zero or positive; NaN when unordered (NaN doubles); undefined when
 * the types cannot be compared.
 */
export function celCompare(a: CelValue, b: CelValue): number | undefined {
  const na = numeric(a);
  if (na !== undefined) {
    const nb = numeric(b);
    return nb === undefined ? undefined : compareNumeric(na, nb);
  }
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const d = (a[i] ?? 0) - (b[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.length - b.length;
  }
  if (a instanceof CelDuration && b instanceof CelDuration)
    return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
  if (a instanceof CelTimestamp && b instanceof CelTimestamp)
    return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
  return undefined;
}

/** Looks a key up in a CEL map; numeric keys match across int, uint and double. */
export function mapGet(m: CelMap, key: CelValue): CelValue | undefined {
  const direct = m.get(key);
  if (direct !== undefined || typeof key === "string" || typeof key === "boolean") return direct;
  if (numeric(key) === undefined) return undefined;
  for (const [k, v] of m) if (numeric(k) !== undefined && celEquals(k, key)) return v;
  return undefined;
}

/** Formats a double as Go's `strconv.FormatFloat(f, 'g', -1, 64)` does (cel-go's `string(double)`). */
export function formatDouble(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Number.POSITIVE_INFINITY) return "+Inf";
  if (f === Number.NEGATIVE_INFINITY) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const [mantissa = "", expPart = "0"] = f.toExponential().split("e");
  const exp = Number(expPart);
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${mantissa}e${exp < 0 ? "-" : "+"}${e}`;
  }
  return String(f);
}
