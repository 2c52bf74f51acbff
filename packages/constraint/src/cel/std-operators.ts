/**
 * CEL's own `==`, `<` and `+`, taken from @bufbuild/cel's standard environment so the libraries
 * that compare or add list elements use exactly the language's semantics.
 */
import { type CelValue, celEnv, isCelError } from "@bufbuild/cel";
import { CelEvalError } from "./errors.js";

const std = celEnv().funcs;

function operator(name: string): (a: CelValue, b: CelValue) => CelValue {
  const group = std.find(name);
  return (a, b) => {
    const r = group?.call(0, undefined, [a, b]);
    if (r === undefined) throw new CelEvalError(`no such overload: ${name}`);
    if (isCelError(r)) throw r;
    return r;
  };
}

const equals = operator("_==_");
/** CEL equality (heterogeneous, numeric across types). */
export function celEquals(a: CelValue, b: CelValue): boolean {
  return equals(a, b) === true;
}

const less = operator("_<_");
/** Orders two values with CEL's `<`; throws on types without an order. */
export function celCompare(a: CelValue, b: CelValue): number {
  if (less(a, b) === true) return -1;
  return less(b, a) === true ? 1 : 0;
}

/** CEL's `+`. */
export const celAdd: (a: CelValue, b: CelValue) => CelValue = operator("_+_");
