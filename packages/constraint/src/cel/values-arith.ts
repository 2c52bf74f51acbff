/**
 * CEL arithmetic on the types it is common on: int (64-bit, overflow is an error), double, string
 * and list concatenation. Each function returns undefined for other operand types, which go to the
 * library's overloads (uint, bytes, timestamps, durations) or fail there with no matching overload.
 */
import { type CelList, type CelResult, type CelValue, isCelList } from "@bufbuild/cel";
import { celError, intOverflow } from "./compile-errors.js";
import { listItems, makeList } from "./list-values.js";

const MAX_INT = 2n ** 63n - 1n;
const MIN_INT = -(2n ** 63n);

function checked(v: bigint, op: string): CelResult {
  return v > MAX_INT || v < MIN_INT ? intOverflow(op) : v;
}

/** `a + b`; lists concatenate without copying when one side is empty. */
export function addValues(a: CelValue, b: CelValue): CelResult | undefined {
  if (typeof a === "string") return typeof b === "string" ? a + b : undefined;
  if (typeof a === "bigint") return typeof b === "bigint" ? checked(a + b, "_+_") : undefined;
  if (typeof a === "number") return typeof b === "number" ? a + b : undefined;
  if (isCelList(a) && isCelList(b)) return a.size === 0 ? b : b.size === 0 ? a : concat(a, b);
  return undefined;
}

function concat(a: CelList, b: CelList): CelList {
  return makeList([...listItems(a), ...listItems(b)]);
}

/** `a - b`. */
export function subtractValues(a: CelValue, b: CelValue): CelResult | undefined {
  if (typeof a === "bigint") return typeof b === "bigint" ? checked(a - b, "_-_") : undefined;
  if (typeof a === "number") return typeof b === "number" ? a - b : undefined;
  return undefined;
}

/** `a * b`. */
export function multiplyValues(a: CelValue, b: CelValue): CelResult | undefined {
  if (typeof a === "bigint") return typeof b === "bigint" ? checked(a * b, "_*_") : undefined;
  if (typeof a === "number") return typeof b === "number" ? a * b : undefined;
  return undefined;
}

/** `a / b`: ints truncate toward zero. */
export function divideValues(a: CelValue, b: CelValue): CelResult | undefined {
  if (typeof a === "bigint") {
    if (typeof b !== "bigint") return undefined;
    if (b === 0n) return celError("int divide by zero");
    return checked(a / b, `divide by ${b}`);
  }
  if (typeof a === "number") return typeof b === "number" ? a / b : undefined;
  return undefined;
}

/** `a % b` on ints (the remainder has the sign of `a`). */
export function moduloValues(a: CelValue, b: CelValue): CelResult | undefined {
  if (typeof a !== "bigint" || typeof b !== "bigint") return undefined;
  return b === 0n ? celError("int modulus by zero") : a % b;
}

/** `-a`. */
export function negateValue(a: CelValue): CelResult | undefined {
  if (typeof a === "bigint") return checked(-a, "type conversion");
  if (typeof a === "number") return -a;
  return undefined;
}

/** The binary operators above by CEL function name. */
export const ARITHMETIC: Readonly<Record<string, (a: CelValue, b: CelValue) => CelResult | undefined>> = {
  "_+_": addValues,
  "_-_": subtractValues,
  "_*_": multiplyValues,
  "_/_": divideValues,
  "_%_": moduloValues,
};
