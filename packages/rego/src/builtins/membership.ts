import { isArray, isObject, objectEntries, RegoSet, type Value, valuesEqual } from "../value/value.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

function contains(coll: Value, x: Value): boolean {
  if (isArray(coll)) return coll.some((v) => valuesEqual(v, x));
  if (coll instanceof RegoSet) return coll.has(x);
  if (isObject(coll)) return objectEntries(coll).some(([, v]) => valuesEqual(v, x));
  return false;
}

function containsPair(coll: Value, k: Value, x: Value): boolean {
  if (isArray(coll)) {
    return (
      typeof k === "number" &&
      Number.isInteger(k) &&
      k >= 0 &&
      k < coll.length &&
      valuesEqual(coll[k] as Value, x)
    );
  }
  if (coll instanceof RegoSet) return valuesEqual(k, x) && coll.has(x);
  if (isObject(coll)) return objectEntries(coll).some(([kk, v]) => valuesEqual(kk, k) && valuesEqual(v, x));
  return false;
}

/** `x in xs` and `k, v in xs` (OPA's internal.member_2 and internal.member_3). */
export const membershipBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("internal.member_2", [p("x", T.any), p("y", T.any)], p("result", T.boolean), { infix: "in" }),
    impl: ([x, y]) => (x === undefined || y === undefined ? undefined : contains(y, x)),
  },
  {
    decl: decl("internal.member_3", [p("x", T.any), p("y", T.any), p("z", T.any)], p("result", T.boolean), {
      infix: "in",
    }),
    impl: ([k, x, y]) =>
      k === undefined || x === undefined || y === undefined ? undefined : containsPair(y, k, x),
  },
];

/** `print(...)`: the evaluator formats and writes its arguments; the declaration makes it callable. */
export const printBuiltins: readonly BuiltinDef[] = [
  { decl: decl("print", [], undefined, { variadic: true }), impl: () => true },
];
