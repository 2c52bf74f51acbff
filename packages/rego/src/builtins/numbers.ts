import { normalizeBigInt } from "../value/number.js";
import type { Value } from "../value/value.js";
import { BuiltinError, BuiltinHaltError } from "./errors.js";
import { argBigInt } from "./numeric.js";
import type { BuiltinContext, BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

/** How many numbers a range makes between looks at the query's deadline. */
const CANCEL_CHECK_EVERY = 4096;

/**
 * The integers from `a` to `b` inclusive (descending when a > b), `step` apart. Like OPA, it stops
 * with `eval_cancel_error` when the query is cancelled or past its deadline.
 */
function range(a: bigint, b: bigint, step: bigint, ctx: BuiltinContext): Value[] {
  const out: Value[] = [];
  const push = (v: Value): void => {
    if (out.length % CANCEL_CHECK_EVERY === 0 && out.length > 0 && ctx.cancelled())
      throw new BuiltinHaltError("eval_cancel_error", "timed out before generating all numbers in range");
    out.push(v);
  };
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  const small = [a, b, step].every((n) => n <= limit && n >= -limit);
  if (small) {
    const [x, y, s] = [Number(a), Number(b), Number(step)];
    if (x <= y) for (let i = x; i <= y; i += s) push(i);
    else for (let i = x; i >= y; i -= s) push(i);
    return out;
  }
  if (a <= b) for (let i = a; i <= b; i += step) push(normalizeBigInt(i));
  else for (let i = a; i >= b; i -= step) push(normalizeBigInt(i));
  return out;
}

const RANGE = T.arrayOf(T.number);

/** numbers.range and numbers.range_step. */
export const numbersBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("numbers.range", [p("a", T.number), p("b", T.number)], p("range", RANGE)),
    impl: (args, ctx) => range(argBigInt(args, 0), argBigInt(args, 1), 1n, ctx),
  },
  {
    decl: decl(
      "numbers.range_step",
      [p("a", T.number), p("b", T.number), p("step", T.number)],
      p("range", RANGE),
    ),
    impl: (args, ctx) => {
      const a = argBigInt(args, 0);
      const b = argBigInt(args, 1);
      const step = argBigInt(args, 2);
      if (step <= 0n) throw new BuiltinError("step must be a positive integer");
      return range(a, b, step, ctx);
    },
  },
];
