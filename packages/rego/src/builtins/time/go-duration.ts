import { BuiltinError } from "../errors.js";
import { goTimeQuote } from "./go-time-quote.js";

/** Go's `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` in nanoseconds. */

const UNITS = new Map<string, bigint>([
  ["ns", 1n],
  ["us", 1000n],
  ["\u00c2\u00b5s", 1000n],
  ["\u00ce\u00bcs", 1000n],
  ["ms", 1000000n],
  ["s", 1000000000n],
  ["m", 60000000000n],
  ["h", 3600000000000n],
]);

const LIMIT = 1n << 63n;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** Parses `s`, given as UTF-8 bytes in a Latin-1 string; throws Go's messages. */
export function parseGoDuration(s: string): bigint {
  const orig = s;
  const invalid = (): BuiltinError => new BuiltinError(`time: invalid duration ${goTimeQuote(orig)}`);
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") throw invalid();
  let d = 0n;
  while (s !== "") {
    if (!(s[0] === "." || isDigit(s[0]))) throw invalid();
    let i = 0;
    let v = 0n;
    while (isDigit(s[i])) {
      v = v * 10n + BigInt((s.charCodeAt(i) - 48) as number);
      if (v > LIMIT) throw invalid();
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === ".") {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        if (!overflow) {
          const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
          if (y > LIMIT) overflow = true;
          else {
            f = y;
            scale *= 10;
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();
    let u = 0;
    while (u < s.length && s[u] !== "." && !isDigit(s[u])) u++;
    if (u === 0) throw new BuiltinError(`time: missing unit in duration ${goTimeQuote(orig)}`);
    const unitText = s.slice(0, u);
    s = s.slice(u);
    const unit = UNITS.get(unitText);
    if (unit === undefined) {
      throw new BuiltinError(`time: unknown unit ${goTimeQuote(unitText)} in duration ${goTimeQuote(orig)}`);
    }
    if (v > LIMIT / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > LIMIT) throw invalid();
    }
    d += v;
    if (d > LIMIT) throw invalid();
  }
  if (neg) return -d;
  if (d > LIMIT - 1n) throw invalid();
  return d;
}

const DAY = 86400000000000n;
const EXTENDED_UNITS = new Map<string, bigint>([...UNITS, ["d", DAY], ["w", 7n * DAY], ["y", 365n * DAY]]);
// Each digit has one place in the pattern (`[0-9]*\.?[0-9]*` backtracks quadratically on digits).
const SEGMENT = /([0-9]*(?:\.[0-9]*)?)(ms|us|\u00c2\u00b5s|ns|[a-z])/y;

/**
 * OPA's `time.parse_duration_ns`: Go's syntax, and failing that OPA's extended one where `d`, `w`
 * and `y` are 24 hours, 7 days and 365 days. Errors are Go's.
 */
export function parseOpaDuration(s: string): bigint {
  try {
    return parseGoDuration(s);
  } catch (e: unknown) {
    const extended = parseExtended(s);
    if (extended === undefined) throw e;
    return extended;
  }
}

function parseExtended(s: string): bigint | undefined {
  let rest = s;
  let neg = false;
  if (rest[0] === "-" || rest[0] === "+") {
    neg = rest[0] === "-";
    rest = rest.slice(1);
  }
  if (rest === "") return undefined;
  let total = 0n;
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < rest.length) {
    const m = SEGMENT.exec(rest);
    const digits = m?.[1] ?? "";
    const unit = EXTENDED_UNITS.get(m?.[2] ?? "");
    if (m === null || unit === undefined || digits === "" || digits === ".") return undefined;
    const [whole = "", frac = ""] = digits.split(".");
    total += BigInt(whole === "" ? "0" : whole) * unit;
    if (frac !== "") total += (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
    if (total > LIMIT) return undefined;
  }
  if (!neg && total > LIMIT - 1n) return undefined;
  return neg ? -total : total;
}
