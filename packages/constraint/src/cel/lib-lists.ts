/** Kubernetes' lists library (isSorted, sum, min, max, indexOf, lastIndexOf) and cel-go's sets. */
import { CelEvalError } from "./errors.js";
import { type FunctionTable, NO_OVERLOAD } from "./functions.js";
import { add } from "./operators.js";
import { CelDuration, CelUint, type CelValue, celCompare, celEquals, typeName } from "./values.js";

function compare(a: CelValue, b: CelValue): number {
  const c = celCompare(a, b);
  if (c === undefined) throw new CelEvalError(`no such overload: compare(${typeName(a)}, ${typeName(b)})`);
  return c;
}

function extreme(l: readonly CelValue[], sign: number, name: string): CelValue {
  let best = l[0];
  if (best === undefined) throw new CelEvalError(`${name} called on empty list`);
  for (let i = 1; i < l.length; i++) {
    const x = l[i] as CelValue;
    if (compare(x, best) * sign > 0) best = x;
  }
  return best;
}

function zeroLike(l: readonly CelValue[]): CelValue {
  const first = l[0];
  if (typeof first === "number") return 0;
  if (first instanceof CelUint) return new CelUint(0n);
  if (first instanceof CelDuration) return new CelDuration(0n);
  return 0n;
}

function contains(a: readonly CelValue[], x: CelValue): boolean {
  return a.some((y) => celEquals(x, y));
}

/** Registers the lists and sets libraries. */
export function registerLists(t: FunctionTable): void {
  t.member("isSorted", ([l]) => {
    if (!Array.isArray(l)) return NO_OVERLOAD;
    for (let i = 1; i < l.length; i++) if (compare(l[i - 1] as CelValue, l[i] as CelValue) > 0) return false;
    return true;
  });
  t.member("sum", ([l]) => {
    if (!Array.isArray(l)) return NO_OVERLOAD;
    let acc = zeroLike(l);
    for (const x of l) acc = add(acc, x);
    return acc;
  });
  t.member("min", ([l]) => (Array.isArray(l) ? extreme(l, -1, "min") : NO_OVERLOAD));
  t.member("max", ([l]) => (Array.isArray(l) ? extreme(l, 1, "max") : NO_OVERLOAD));
  t.member("indexOf", ([l, x]) => {
    if (!Array.isArray(l) || x === undefined) return NO_OVERLOAD;
    return BigInt(l.findIndex((y) => celEquals(x, y)));
  });
  t.member("lastIndexOf", ([l, x]) => {
    if (!Array.isArray(l) || x === undefined) return NO_OVERLOAD;
    for (let i = l.length - 1; i >= 0; i--) if (celEquals(x, l[i] as CelValue)) return BigInt(i);
    return -1n;
  });
  t.global("sets.contains", ([a, b]) => {
    if (!Array.isArray(a) || !Array.isArray(b)) return NO_OVERLOAD;
    return b.every((x) => contains(a, x));
  });
  t.global("sets.equivalent", ([a, b]) => {
    if (!Array.isArray(a) || !Array.isArray(b)) return NO_OVERLOAD;
    return b.every((x) => contains(a, x)) && a.every((x) => contains(b, x));
  });
  t.global("sets.intersects", ([a, b]) => {
    if (!Array.isArray(a) || !Array.isArray(b)) return NO_OVERLOAD;
    return b.some((x) => contains(a, x));
  });
}
