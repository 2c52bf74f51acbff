import { BuiltinHaltError, errorMessage, OperandTypeError } from "../builtins/errors.js";
import { isStackOverflow, RegoError, RegoEvalError } from "../errors.js";
import type { Location } from "../location.js";

/**
 * What an exception from the builtin `name` makes of its call: the error the evaluation raises,
 * or undefined when the call merely has no value (OPA's builtin errors when not strict).
 * Halting errors, and running out of stack, are raised either way.
 */
export function builtinFailure(e: unknown, name: string, loc: Location, strict: boolean): Error | undefined {
  if (e instanceof RegoError) return e;
  if (e instanceof BuiltinHaltError) return new RegoEvalError(e.code, `${name}: ${e.message}`, loc);
  if (isStackOverflow(e))
    return new RegoEvalError("eval_internal_error", `${name}: ${e.message} (a value nested too deep)`, loc);
  if (!strict) return undefined;
  if (e instanceof OperandTypeError)
    return new RegoEvalError("eval_type_error", `${name}: ${e.message}`, loc);
  return new RegoEvalError("eval_builtin_error", `${name}: ${errorMessage(e)}`, loc);
}
