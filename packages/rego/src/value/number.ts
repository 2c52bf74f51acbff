import type { Value } from "./value.js";

/** A Rego number: a JS number, or a bigint for integers beyond 2^53. */
export type RegoNumber = number | bigint;

/** Keeps integers that fit in a JS number as numbers (the representation invariant). */
export function normalizeBigInt(b: bigint): RegoNumber {
  return b >= Number.MIN_SAFE_INTEGER && b <= Number.MAX_SAFE_INTEGER ? Number(b) : b;
}

/** Parses a number as written in Rego or JSON; big integers stay exact. */
export function parseNumber(text: string): RegoNumber {
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BigInt(text);
  }
  return Number(text);
}

/** Largest decimal exponent accepted; OPA bounds the binary exponent by 1e5 (about 10^30103). */
const MAX_EXPONENT = 30103;

const EXPONENT_FORM = /^(-?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/;

/**
 * The value of a number literal (sign included), exactly: integers beyond 2^53 and literals like
 * `2e308` that overflow a float but denote an integer become bigints. Undefined means too big.
 */
export function numberLiteral(text: string): RegoNumber | undefined {
  if (text.length > MAX_EXPONENT) {
    const digits = text.replace(/^-/, "").split(/[.eE]/)[0] ?? "";
    if (digits.length > MAX_EXPONENT) return undefined;
  }
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

/** True when the number has no fractional part. */
export function isIntegral(n: RegoNumber): boolean {
  return typeof n === "bigint" || Number.isInteger(n);
}

/** The number as a bigint if integral, else undefined. */
export function toBigInt(n: RegoNumber): bigint | undefined {
  if (typeof n === "bigint") return n;
  return Number.isInteger(n) ? BigInt(n) : undefined;
}

/** The number as a JS number (big integers lose precision). */
export function toFloat(n: RegoNumber): number {
  return typeof n === "bigint" ? Number(n) : n;
}

/** Integer arithmetic that stays exact past 2^53 by switching to bigint. */
export function exactIntOp(a: RegoNumber, b: RegoNumber, op: "+" | "-" | "*"): RegoNumber | undefined {
  const x = toBigInt(a);
  const y = toBigInt(b);
  if (x === undefined || y === undefined) return undefined;
  switch (op) {
    case "+":
      return normalizeBigInt(x + y);
    case "-":
      return normalizeBigInt(x - y);
    case "*":
      return normalizeBigInt(x * y);
  }
}

/** Formats a number as OPA prints it: integers without exponent, floats in Go's shortest form. */
export function formatNumber(n: RegoNumber): string {
  if (typeof n === "bigint") return n.toString();
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return Object.is(n, -0) ? "0" : n.toFixed(0);
  const s = String(n);
  return s.replace(/e\+?(-?)(\d)$/, "e$10$2").replace("e+", "e+");
}

/** True when a value is a number that is an integer. */
export function isIntegerValue(v: Value): v is RegoNumber {
  return typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v));
}
