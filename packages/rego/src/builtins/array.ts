import type { Value } from "../value/value.js";
import { argArray, argNumber } from "./args.js";
import { OperandTypeError } from "./errors.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

const INT64_LIMIT = 2n ** 63n;

/**
 * An index operand as OPA's `IntOperand` reads it: an integer that fits in 64 bits. Big ones are
 * clamped by the caller anyway, so they come back as ±Infinity.
 */
function argIndex(args: readonly Value[], i: number): number {
  const n = argNumber(args, i);
  const fits = typeof n === "bigint" ? n >= -INT64_LIMIT && n < INT64_LIMIT : Number.isInteger(n);
  if (!fits) throw new OperandTypeError(i + 1, "must be integer number but got floating-point number");
  return typeof n === "bigint" ? (n < 0n ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY) : n;
}

/** Array functions: concat, flatten, reverse, slice. */
export const arrayBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("array.concat", [p("x", T.array), p("y", T.array)], p("z", T.array)),
    impl: (args) => {
      const a = argArray(args, 0);
      const b = argArray(args, 1);
      if (a.length === 0) return b;
      if (b.length === 0) return a;
      return a.concat(b);
    },
  },
  {
    decl: decl("array.flatten", [p("arr", T.array)], p("flat", T.array)),
    impl: (args) => {
      const out: Value[] = [];
      for (const v of argArray(args, 0)) {
        if (Array.isArray(v)) for (const w of v as readonly Value[]) out.push(w);
        else out.push(v);
      }
      return out;
    },
  },
  {
    decl: decl("array.reverse", [p("arr", T.array)], p("rev", T.array)),
    impl: (args) => argArray(args, 0).toReversed(),
  },
  {
    decl: decl(
      "array.slice",
      [p("arr", T.array), p("start", T.number), p("stop", T.number)],
      p("slice", T.array),
    ),
    impl: (args) => {
      const arr = argArray(args, 0);
      const start = argIndex(args, 1);
      const stop = Math.min(Math.max(argIndex(args, 2), 0), arr.length);
      const from = Math.min(Math.max(start, 0), stop);
      return from === 0 && stop === arr.length ? arr : arr.slice(from, stop);
    },
  },
];
