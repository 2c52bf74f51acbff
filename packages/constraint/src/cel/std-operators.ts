/**
 * CEL's own `==`, `<` and `+` for the libraries that compare or add list elements, with exactly
 * the language's semantics: the compiler's implementations, and @bufbuild/cel's standard overloads
 * for the types those do not cover (bytes, timestamps, durations).
 */
import { type CelResult, type CelValue, celEnv } from "@bufbuild/cel";
import { inEvalContext } from "./bufbuild-delegate.js";
import { CelEvalError, isCelErrorValue } from "./errors.js";
import { addValues } from "./values-arith.js";
import { celEquals as equals } from "./values-equal.js";
import { compareValues, LESS, MORE, NO_ORDER, SAME } from "./values-order.js";

const std = celEnv().funcs;

function call(name: string, a: CelValue, b: CelValue): CelValue {
  const r: CelResult | undefined = inEvalContext(() => std.find(name)?.call(0, undefined, [a, b]));
  if (r === undefined) throw new CelEvalError(`no such overload: ${name}`);
  if (isCelErrorValue(r)) throw r;
  return r;
}

/** CEL equality (heterogeneous, numeric across types). */
export function celEquals(a: CelValue, b: CelValue): boolean {
  return equals(a, b);
}

/** Orders two values with CEL's `<`; throws on types without an order. */
export function celCompare(a: CelValue, b: CelValue): number {
  const o = compareValues(a, b);
  if (o === LESS || o === MORE || o === SAME) return o;
  if (o !== NO_ORDER) return 0;
  if (call("_<_", a, b) === true) return -1;
  return call("_<_", b, a) === true ? 1 : 0;
}

/** CEL's `+`. */
export function celAdd(a: CelValue, b: CelValue): CelValue {
  const r = addValues(a, b) ?? call("_+_", a, b);
  if (isCelErrorValue(r)) throw r;
  return r;
}
