/**
 * CEL's ordering operators on the types they are common on: int, uint and double (compared across
 * types, an int against a double as doubles), strings (by their UTF-8 bytes, as cel-go's Go
 * strings compare; @bufbuild/cel compares UTF-16 units, which order a character from U+E000 up
 * after one beyond U+FFFF) and bools. Other types (bytes, timestamps, durations) go to the
 * library's overloads.
 */
import { type CelValue, isCelUint } from "@bufbuild/cel";
import { compareStrings } from "@portcullis/rego";

/** `a` before `b`. */
export const LESS = -1;
/** Equal. */
export const SAME = 0;
/** `a` after `b`. */
export const MORE = 1;
/** Not ordered (a NaN operand). */
export const UNORDERED = 2;
/** No ordering overload here for these types. */
export const NO_ORDER = 3;

/** One of the orders above. */
export type Order = typeof LESS | typeof SAME | typeof MORE | typeof UNORDERED | typeof NO_ORDER;

function order<T extends number | bigint>(a: T, b: T): Order {
  return a < b ? LESS : a > b ? MORE : a === b ? SAME : UNORDERED;
}

function stringOrder(a: string, b: string): Order {
  const c = compareStrings(a, b);
  return c < 0 ? LESS : c > 0 ? MORE : SAME;
}

function numeric(v: CelValue): number | bigint | undefined {
  if (typeof v === "bigint" || typeof v === "number") return v;
  return isCelUint(v) ? v.value : undefined;
}

/** How `a` and `b` order, or {@link NO_ORDER} when there is no fast overload for their types. */
export function compareValues(a: CelValue, b: CelValue): Order {
  if (typeof a === "string") return typeof b === "string" ? stringOrder(a, b) : NO_ORDER;
  if (typeof a === "boolean") return typeof b === "boolean" ? order(Number(a), Number(b)) : NO_ORDER;
  const x = numeric(a);
  const y = numeric(b);
  if (x === undefined || y === undefined) return NO_ORDER;
  if (typeof x === "bigint" && typeof y === "bigint") return order(x, y);
  return order(Number(x), Number(y));
}

/** `<`, `<=`, `>`, `>=` on an order. */
export const ORDER_TESTS: Readonly<Record<string, (o: Order) => boolean>> = {
  "_<_": (o) => o === LESS,
  "_<=_": (o) => o === LESS || o === SAME,
  "_>_": (o) => o === MORE,
  "_>=_": (o) => o === MORE || o === SAME,
};
