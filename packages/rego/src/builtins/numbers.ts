import { normalizeBigInt } from "../value/number.js";
import type { Value } from "../value/value.js";
import { BuiltinError } from "./errors.js";
import { argBigInt } from "./numeric.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

/** The integers from `a` to `b` inclusive (descending when a > b), `step` apart. */
function range(a: bigint, b: bigint, step: bigint): Value[] {
  const out: Value[] = [];
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  const small = [a, b, step].every((n) => n <= limit && n >= -limit);
  if (small) {
    const [x, y, s] = [Number(a), Number(b), Number(step)];
    if (x <= y) for (let i = x; i <= y; i += s) out.push(i);
    else for (let i = x; i >= y; i -= s) out.push(i);
    return out;
  }
  if (a <= b) for (let i = a; i <= b; i += step) out.push(normalizeBigInt(i));
  else for (let i = a; i >= b; i -= step) out.push(normalizeBigInt(i));
  return out;
}

const RANGE = T.arrayOf(T.number);

/** numbers.range and numbers.range_step. */
export const numbersBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("numbers.range", [p("a", T.number), p("b", T.number)], p("range", RANGE)),
    impl: (args) => range(argBigInt(args, 0), argBigInt(args, 1), 1n),
  },
  {
    decl: decl(
      "numbers.range_step",
      [p("a", T.number), p("b", T.number), p("step", T.number)],
      p("range", RANGE),
    ),
    impl: (args) => {
      const a = argBigInt(args, 0);
      const b = argBigInt(args, 1);
      const step = argBigInt(args, 2);
      if (step <= 0n) throw new BuiltinError("step must be a positive integer");
      return range(a, b, step);
    },
  },
];
