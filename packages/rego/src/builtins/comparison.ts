import { compareValues, type Value, valuesEqual } from "../value/value.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

function comparison(name: string, infix: string, test: (a: Value, b: Value) => boolean): BuiltinDef {
  return {
    decl: decl(name, [p("x", T.any), p("y", T.any)], p("result", T.boolean), { infix }),
    impl: (args) => test(args[0] ?? null, args[1] ?? null),
  };
}

/** Comparisons of any two values in OPA's total order: `== != < <= > >=`. */
export const comparisonBuiltins: readonly BuiltinDef[] = [
  comparison("equal", "==", valuesEqual),
  comparison("neq", "!=", (a, b) => !valuesEqual(a, b)),
  comparison("lt", "<", (a, b) => compareValues(a, b) < 0),
  comparison("lte", "<=", (a, b) => compareValues(a, b) <= 0),
  comparison("gt", ">", (a, b) => compareValues(a, b) > 0),
  comparison("gte", ">=", (a, b) => compareValues(a, b) >= 0),
];
