import { parseNumber, type RegoNumber } from "../value/number.js";

/** Largest decimal exponent accepted; OPA bounds the binary exponent by 1e5 (about 10^30103). */
const MAX_EXPONENT = 30103;

const EXPONENT_FORM = /^(-?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/;

/**
 * The value of a number literal (sign included), exactly: integers beyond 2^53 and literals like
 * `2e308` that overflow a float but denote an integer become bigints. Undefined means too big.
 */
export function numberLiteral(text: string): RegoNumber | undefined {
  const digits = text.replace(/^-/, "").split(/[.eE]/)[0] ?? "";
  if (digits.length > MAX_EXPONENT) return undefined;
  const n = parseNumber(text);
  if (typeof n === "bigint" || Number.isFinite(n)) return n === 0 ? 0 : n;
  const m = EXPONENT_FORM.exec(text);
  if (m === null) return undefined;
  const [, sign, int = "", frac = "", exp = "0"] = m;
  const shift = Number(exp) - frac.length;
  if (shift < 0 || shift > MAX_EXPONENT) return undefined;
  const v = BigInt(`${int}${frac}` || "0") * 10n ** BigInt(shift);
  return sign === "-" ? -v : v;
}
