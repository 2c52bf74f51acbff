/** OPA's `units.parse` and `units.parse_bytes` (`v1/topdown/parse_units.go`, `parse_bytes.go`). */
import { normalizeBigInt } from "../value/number.js";
import { argString } from "./args.js";
import { BuiltinError } from "./errors.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

const MAX_EXPONENT_DIGITS = 6;

/** An exact decimal: mant · 10^exp. */
interface Decimal {
  readonly mant: bigint;
  readonly exp: number;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/**
 * Splits "10.5e3KiB" into its number ("10.5e3") and unit ("KiB"); undefined when an exponent has
 * more than six digits.
 */
function splitNumberAndUnit(s: string): [string, string] | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (!isDigit(c) && c !== "." && c !== "e" && c !== "E" && c !== "+" && c !== "-") {
      return [s.slice(0, i), s.slice(i)];
    }
    if (c === "e" || c === "E") {
      const next = s[i + 1];
      if (next === undefined || (!isDigit(next) && next !== "+" && next !== "-"))
        return [s.slice(0, i), s.slice(i)];
      if (next === "+" || next === "-") i++;
      let end = i + 1;
      while (isDigit(s[end])) end++;
      if (end - (i + 1) > MAX_EXPONENT_DIGITS) return undefined;
    }
  }
  return [s, ""];
}

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses a decimal number as Go's big.Float / big.Rat `SetString` accept it here. */
function parseDecimal(s: string): Decimal | undefined {
  const m = NUMBER.exec(s);
  if (m === null) return undefined;
  const int = m[2] ?? "";
  const frac = m[3] ?? "";
  if (int === "" && frac === "") return undefined;
  const digits = BigInt(`${int}${frac}` || "0");
  const exp = Number(m[4] ?? "0") - frac.length;
  return { mant: m[1] === "-" ? -digits : digits, exp };
}

function times(d: Decimal, factor: bigint, exp = 0): Decimal {
  return { mant: d.mant * factor, exp: d.exp + exp };
}

/** The integer part (truncated toward zero); undefined when it would be absurdly large. */
function truncate(d: Decimal): bigint | undefined {
  if (d.exp >= 0) return d.exp > 100_000 ? undefined : d.mant * 10n ** BigInt(d.exp);
  if (-d.exp > d.mant.toString().length + 1) return 0n;
  return d.mant / 10n ** BigInt(-d.exp);
}

const K = 1000n;
const KI = 1024n;

const BYTE_UNITS: Record<string, bigint> = {
  "": 1n,
  kb: K,
  k: K,
  kib: KI,
  ki: KI,
  mb: K ** 2n,
  m: K ** 2n,
  mib: KI ** 2n,
  mi: KI ** 2n,
  gb: K ** 3n,
  g: K ** 3n,
  gib: KI ** 3n,
  gi: KI ** 3n,
  tb: K ** 4n,
  t: K ** 4n,
  tib: KI ** 4n,
  ti: KI ** 4n,
  pb: K ** 5n,
  p: K ** 5n,
  pib: KI ** 5n,
  pi: KI ** 5n,
  eb: K ** 6n,
  e: K ** 6n,
  eib: KI ** 6n,
  ei: KI ** 6n,
};

const UNITS: Record<string, bigint> = {
  "": 1n,
  k: K,
  K: K,
  ki: KI,
  Ki: KI,
  M: K ** 2n,
  mi: KI ** 2n,
  Mi: KI ** 2n,
  g: K ** 3n,
  G: K ** 3n,
  gi: KI ** 3n,
  Gi: KI ** 3n,
  t: K ** 4n,
  T: K ** 4n,
  ti: KI ** 4n,
  Ti: KI ** 4n,
  p: K ** 5n,
  P: K ** 5n,
  pi: KI ** 5n,
  Pi: KI ** 5n,
  e: K ** 6n,
  E: K ** 6n,
  ei: KI ** 6n,
  Ei: KI ** 6n,
};

function parseBytes(raw: string): number | bigint {
  const fail = (msg: string): BuiltinError => new BuiltinError(`units.parse_bytes: ${msg}`);
  const s = raw.toLowerCase().replaceAll('"', "");
  if (s.includes(" ")) throw fail("spaces not allowed in resource strings");
  const parts = splitNumberAndUnit(s);
  if (parts === undefined) throw fail("exponent too large");
  const [num, unit] = parts;
  if (num === "") throw fail("no byte amount provided");
  const factor = Object.hasOwn(BYTE_UNITS, unit) ? BYTE_UNITS[unit] : undefined;
  if (factor === undefined) throw fail(`byte unit ${unit} not recognized`);
  const d = parseDecimal(num);
  if (d === undefined) throw fail("could not parse byte amount to a number");
  const whole = truncate(times(d, factor));
  if (whole === undefined) throw fail("exponent too large");
  return normalizeBigInt(whole);
}

/** Rounds to ten decimals, halves away from zero (big.Rat's FloatString(10)), then as a number. */
function floatString10(d: Decimal): number {
  const shift = d.exp + 10;
  let scaled: bigint;
  if (shift >= 0) scaled = d.mant * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    const neg = d.mant < 0n;
    const abs = neg ? -d.mant : d.mant;
    let q = abs / div;
    if ((abs % div) * 2n >= div) q++;
    scaled = neg ? -q : q;
  }
  return Number(scaled) / 1e10;
}

function parseUnits(raw: string): number | bigint {
  const fail = (msg: string): BuiltinError => new BuiltinError(`units.parse: ${msg}`);
  const s = raw.replaceAll('"', "");
  if (s.includes(" ")) throw fail("spaces not allowed in resource strings");
  const parts = splitNumberAndUnit(s);
  if (parts === undefined) throw fail("exponent too large");
  const num = parts[0];
  let unit = parts[1];
  if (num === "") throw fail("no amount provided");
  if (unit.length > 1) unit = unit.slice(0, 1) + unit.slice(1).toLowerCase();
  if (unit !== "m" && !Object.hasOwn(UNITS, unit)) throw fail(`unit ${unit} not recognized`);
  const parsed = parseDecimal(num);
  if (parsed === undefined) throw fail("could not parse amount to a number");
  const d = unit === "m" ? { mant: parsed.mant, exp: parsed.exp - 3 } : times(parsed, UNITS[unit] ?? 1n);
  if (d.exp >= 0) {
    const whole = truncate(d);
    if (whole === undefined) throw fail("exponent too large");
    return normalizeBigInt(whole);
  }
  const div = 10n ** BigInt(-d.exp);
  if (d.mant % div === 0n) return normalizeBigInt(d.mant / div);
  return floatString10(d);
}

/** Unit-parsing builtins. */
export const unitsBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("units.parse", [p("x", T.string)], p("y", T.number)),
    impl: (args) => parseUnits(argString(args, 0)),
  },
  {
    decl: decl("units.parse_bytes", [p("x", T.string)], p("y", T.number)),
    impl: (args) => parseBytes(argString(args, 0)),
  },
];
