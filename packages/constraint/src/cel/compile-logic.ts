import { isCelErrorValue } from "./errors.js";
/**
 * `&&`, `||`, `?:`, `!` and `@not_strictly_false`. `&&` and `||` are commutative with respect to
 * errors: an error (or non-bool) on one side is absorbed when the other side decides the result
 * (false for `&&`, true for `||`); when neither decides, the left side's error wins.
 */

import type { Dispatch } from "./compile-dispatch.js";
import { conditionNotBool, notBool } from "./compile-errors.js";
import type { Eval } from "./compile-frame.js";

/** `left && right`. */
export function compileAnd(left: Eval, right: Eval): Eval {
  return (f) => {
    const a = left(f);
    if (a === false) return false;
    const b = right(f);
    if (b === false) return false;
    if (a !== true) return isCelErrorValue(a) ? a : notBool(a);
    if (b === true) return true;
    return isCelErrorValue(b) ? b : notBool(b);
  };
}

/** `left || right`. */
export function compileOr(left: Eval, right: Eval): Eval {
  return (f) => {
    const a = left(f);
    if (a === true) return true;
    const b = right(f);
    if (b === true) return true;
    if (a !== false) return isCelErrorValue(a) ? a : notBool(a);
    if (b === false) return false;
    return isCelErrorValue(b) ? b : notBool(b);
  };
}

/** `cond ? yes : no`: only the chosen branch runs. */
export function compileConditional(cond: Eval, yes: Eval, no: Eval): Eval {
  return (f) => {
    const c = cond(f);
    if (c === true) return yes(f);
    if (c === false) return no(f);
    return isCelErrorValue(c) ? c : conditionNotBool(c);
  };
}

/** `!operand`; non-bools go to the library (which has no overload for them). */
export function compileNot(operand: Eval, fallback: Dispatch): Eval {
  return (f) => {
    const v = operand(f);
    if (v === true) return false;
    if (v === false) return true;
    return isCelErrorValue(v) ? v : fallback(undefined, [v]);
  };
}

/** `@not_strictly_false(operand)`: true unless the operand is false (errors count as true). */
export function compileNotStrictlyFalse(operand: Eval): Eval {
  return (f) => operand(f) !== false;
}
