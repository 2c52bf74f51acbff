import type { Value } from "../value/value.js";
import { argInteger, argString } from "./args.js";
import { OperandTypeError } from "./errors.js";
import type { BuiltinContext, BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

function intn(args: readonly Value[], ctx: BuiltinContext): Value {
  const s = argString(args, 0);
  const raw = argInteger(args, 1);
  const big = typeof raw === "bigint" ? raw : BigInt(raw);
  if (big > 9223372036854775807n || big < -9223372036854775808n) {
    throw new OperandTypeError(2, "must be integer number but got floating-point number");
  }
  if (big === 0n) return 0;
  const n = big < 0n ? -big : big;
  const key = `rand.intn\u0000${s}-${n}`;
  const cached = ctx.queryCache.get(key);
  if (typeof cached === "number") return cached;
  const r = ctx.randomInt(Number(n));
  ctx.queryCache.set(key, r);
  return r;
}

/** `rand.intn(str, n)`: a random integer in `[0, |n|)`, the same for the same `(str, n)` within a query. */
export const randBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl(
      "rand.intn",
      [p("str", T.string), p("n", T.number)],
      p("y", T.number, "random integer in the range `[0, abs(n))`"),
      {
        nondeterministic: true,
      },
    ),
    impl: intn,
  },
];
