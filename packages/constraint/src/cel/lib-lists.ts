/** Kubernetes' lists library (isSorted, sum, min, max, indexOf, lastIndexOf) and cel-go's sets. */
import {
  type CelFunc,
  type CelList,
  CelScalar,
  type CelValue,
  celFunc,
  celList,
  celMethod,
  listType,
} from "@bufbuild/cel";
import { CelEvalError } from "./errors.js";
import { celAdd, celCompare, celEquals } from "./std-operators.js";

const { BOOL, DYN, INT } = CelScalar;
const LIST = listType(DYN);

function extreme(l: CelList, sign: number, name: string): CelValue {
  let best: CelValue | undefined;
  for (const x of l) if (best === undefined || celCompare(x, best) * sign > 0) best = x;
  if (best === undefined) throw new CelEvalError(`${name} called on empty list`);
  return best;
}

function contains(l: CelList, x: CelValue): boolean {
  for (const y of l) if (celEquals(x, y)) return true;
  return false;
}

function every(l: CelList, test: (x: CelValue) => boolean): boolean {
  for (const x of l) if (!test(x)) return false;
  return true;
}

/** The lists and sets functions, and a list `+` that builds flat lists (macros append one at a time). */
export function listFunctions(): CelFunc[] {
  return [
    celFunc("_+_", [LIST, LIST], LIST, (a, b) =>
      a.size === 0 ? b : b.size === 0 ? a : celList([...a, ...b]),
    ),
    celMethod("isSorted", LIST, [], BOOL, function () {
      let prev: CelValue | undefined;
      for (const x of this) {
        if (prev !== undefined && celCompare(prev, x) > 0) return false;
        prev = x;
      }
      return true;
    }),
    celMethod("sum", LIST, [], DYN, function () {
      let acc: CelValue | undefined;
      for (const x of this) acc = acc === undefined ? x : celAdd(acc, x);
      return acc ?? 0n;
    }),
    celMethod("min", LIST, [], DYN, function () {
      return extreme(this, -1, "min");
    }),
    celMethod("max", LIST, [], DYN, function () {
      return extreme(this, 1, "max");
    }),
    celMethod("indexOf", LIST, [DYN], INT, function (x) {
      let i = 0;
      for (const y of this) {
        if (celEquals(x, y)) return BigInt(i);
        i++;
      }
      return -1n;
    }),
    celMethod("lastIndexOf", LIST, [DYN], INT, function (x) {
      for (let i = this.size - 1; i >= 0; i--) {
        const y = this.get(i);
        if (y !== undefined && celEquals(x, y)) return BigInt(i);
      }
      return -1n;
    }),
    celFunc("sets.contains", [LIST, LIST], BOOL, (a, b) => every(b, (x) => contains(a, x))),
    celFunc(
      "sets.equivalent",
      [LIST, LIST],
      BOOL,
      (a, b) => every(b, (x) => contains(a, x)) && every(a, (x) => contains(b, x)),
    ),
    celFunc("sets.intersects", [LIST, LIST], BOOL, (a, b) => !every(b, (x) => !contains(a, x))),
  ];
}
