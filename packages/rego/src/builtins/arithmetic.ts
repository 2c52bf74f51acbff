import type { RegoNumber } from "../value/number.js";
import { isNumber, RegoSet, typeName, type Value } from "../value/value.js";
import { argNumber } from "./args.js";
import { OperandTypeError } from "./errors.js";
import {
  absNumber,
  addNumbers,
  ceilNumber,
  divNumbers,
  floorNumber,
  mulNumbers,
  remNumbers,
  roundNumber,
  subNumbers,
} from "./numeric.js";
import type { BuiltinDef } from "./registry.js";
import { setDifference } from "./sets.js";
import { decl, p, T } from "./types.js";

function binary(name: string, infix: string, op: (a: RegoNumber, b: RegoNumber) => RegoNumber): BuiltinDef {
  return {
    decl: decl(name, [p("x", T.number), p("y", T.number)], p("z", T.number), { infix }),
    impl: (args) => op(argNumber(args, 0), argNumber(args, 1)),
  };
}

function unary(name: string, op: (x: RegoNumber) => RegoNumber): BuiltinDef {
  return {
    decl: decl(name, [p("x", T.number)], p("y", T.number)),
    impl: (args) => op(argNumber(args, 0)),
  };
}

/** `minus`: numbers, or the difference of two sets, with OPA's operand messages. */
function minus(args: readonly Value[]): Value {
  const a = args[0] ?? null;
  const b = args[1] ?? null;
  if (isNumber(a) && isNumber(b)) return subNumbers(a, b);
  if (a instanceof RegoSet && b instanceof RegoSet) return setDifference(a, b);
  if (!isNumber(a) && !(a instanceof RegoSet)) throw OperandTypeError.mustBe(1, typeName(a), "number", "set");
  if (isNumber(b)) throw OperandTypeError.mustBe(2, typeName(b), "set");
  throw OperandTypeError.mustBe(2, typeName(b), "number");
}

const NUMBER_OR_SET = T.anyOf(T.number, T.set);

/** Arithmetic: `+ - * / %`, abs, round, ceil, floor. */
export const arithmeticBuiltins: readonly BuiltinDef[] = [
  binary("plus", "+", addNumbers),
  {
    decl: decl("minus", [p("x", NUMBER_OR_SET), p("y", NUMBER_OR_SET)], p("z", NUMBER_OR_SET), {
      infix: "-",
    }),
    impl: minus,
  },
  binary("mul", "*", mulNumbers),
  binary("div", "/", divNumbers),
  binary("rem", "%", remNumbers),
  unary("abs", absNumber),
  unary("round", roundNumber),
  unary("ceil", ceilNumber),
  unary("floor", floorNumber),
];
