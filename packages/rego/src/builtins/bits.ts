import { normalizeBigInt } from "../value/number.js";
import type { Value } from "../value/value.js";
import { BuiltinError, OperandTypeError } from "./errors.js";
import { argBigInt } from "./numeric.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

function isInt32(v: Value | undefined): v is number {
  return typeof v === "number" && (v | 0) === v;
}

/** Beyond this, a left shift would need more memory than any policy can mean to use. */
const MAX_SHIFT = 1n << 24n;

function argShift(args: readonly Value[]): bigint {
  const s = argBigInt(args, 1);
  if (s < 0n) throw new OperandTypeError(2, "must be an unsigned integer number but got a negative integer");
  return s;
}

function bitwise(
  name: string,
  op: (x: bigint, y: bigint) => bigint,
  small: (x: number, y: number) => number,
): BuiltinDef {
  return {
    decl: decl(name, [p("x", T.number), p("y", T.number)], p("z", T.number)),
    impl: (args) => {
      const a = args[0];
      const b = args[1];
      if (isInt32(a) && isInt32(b)) return small(a, b);
      return normalizeBigInt(op(argBigInt(args, 0), argBigInt(args, 1)));
    },
  };
}

/** Bitwise operations on integers of any size (two's complement, as Go's big.Int). */
export const bitsBuiltins: readonly BuiltinDef[] = [
  bitwise(
    "bits.or",
    (x, y) => x | y,
    (x, y) => x | y,
  ),
  bitwise(
    "bits.and",
    (x, y) => x & y,
    (x, y) => x & y,
  ),
  bitwise(
    "bits.xor",
    (x, y) => x ^ y,
    (x, y) => x ^ y,
  ),
  {
    decl: decl("bits.negate", [p("x", T.number)], p("z", T.number)),
    impl: (args) => normalizeBigInt(~argBigInt(args, 0)),
  },
  {
    decl: decl("bits.lsh", [p("x", T.number), p("s", T.number)], p("z", T.number)),
    impl: (args) => {
      const x = argBigInt(args, 0);
      const s = argShift(args);
      if (x === 0n) return 0;
      if (s > MAX_SHIFT) throw new BuiltinError("shift amount too large");
      return normalizeBigInt(x << s);
    },
  },
  {
    decl: decl("bits.rsh", [p("x", T.number), p("s", T.number)], p("z", T.number)),
    impl: (args) => normalizeBigInt(argBigInt(args, 0) >> argShift(args)),
  },
];
