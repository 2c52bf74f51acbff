import type { TypeName } from "../value/value.js";

/**
 * A builtin's argument has the wrong type or value (OPA's `builtins.ErrOperand`). The evaluator
 * reports it as `eval_type_error` with message `<name>: operand N must be …` when strict, and as
 * undefined otherwise.
 */
export class OperandTypeError extends Error {
  /** 1-based operand position. */
  readonly position: number;

  constructor(position: number, message: string) {
    super(`operand ${position} ${message}`);
    this.name = "OperandTypeError";
    this.position = position;
  }

  /** `operand N must be <expected> but got <actual>` (OPA's `NewOperandTypeErr`). */
  static mustBe(position: number, actual: TypeName, ...expected: string[]): OperandTypeError {
    const want = expected.length === 1 ? (expected[0] as string) : `one of {${expected.join(", ")}}`;
    return new OperandTypeError(position, `must be ${want} but got ${actual}`);
  }

  /** `operand N must be one of {a, b}` (OPA's `NewOperandEnumErr`). */
  static mustBeOneOf(position: number, values: readonly string[]): OperandTypeError {
    return new OperandTypeError(position, `must be one of {${values.join(", ")}}`);
  }
}

/**
 * Any other failure inside a builtin (OPA's `eval_builtin_error`): reported as `<name>: <message>`
 * when strict, undefined otherwise.
 */
export class BuiltinError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuiltinError";
  }
}

/** The codes of {@link BuiltinHaltError}s. */
export type BuiltinHaltCode =
  | "eval_type_error"
  | "eval_builtin_error"
  | "eval_conflict_error"
  | "eval_cancel_error";

/**
 * A failure that is raised even when builtin errors are not strict (OPA raises these through
 * `topdown.Error`, e.g. `http.send` argument errors or `eval_conflict_error` inside a builtin).
 */
export class BuiltinHaltError extends Error {
  readonly code: BuiltinHaltCode;

  constructor(code: BuiltinHaltCode, message: string) {
    super(message);
    this.name = "BuiltinHaltError";
    this.code = code;
  }
}

/**
 * Runs `f`, reporting a failure of the parsers it calls (malformed keys, certificates, DER) as a
 * {@link BuiltinError} with the same message; builtin errors pass through unchanged.
 */
export function asBuiltinError<R>(f: () => R): R {
  try {
    return f();
  } catch (err: unknown) {
    if (err instanceof BuiltinError) throw err;
    throw new BuiltinError(errorMessage(err));
  }
}

/** The message of what was thrown (its text when it is not an Error). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
