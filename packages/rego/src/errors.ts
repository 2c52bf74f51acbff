import { compareLocations, formatLocation, type Location } from "./location.js";

/** OPA's stable error codes for parse, compile and evaluation errors. */
export type RegoErrorCode =
  | "rego_parse_error"
  | "rego_compile_error"
  | "rego_type_error"
  | "rego_unsafe_var_error"
  | "rego_recursion_error"
  | "eval_conflict_error"
  | "eval_type_error"
  | "eval_builtin_error"
  | "eval_internal_error"
  | "eval_cancel_error"
  | "eval_with_merge_error";

/** Base of every error the engine raises: a code, a message and, where known, a location. */
export class RegoError extends Error {
  readonly code: RegoErrorCode;
  readonly location: Location | undefined;
  readonly details: string | undefined;

  constructor(code: RegoErrorCode, message: string, location?: Location, details?: string) {
    super(message);
    this.name = "RegoError";
    this.code = code;
    this.location = location;
    this.details = details;
  }

  /** As OPA prints one error: `file:row: code: message` (`row:col: …` when there is no file name). */
  override toString(): string {
    const loc = this.location;
    const where = loc === undefined ? "" : loc.file ? `${loc.file}:${loc.row}: ` : `${loc.row}:${loc.col}: `;
    return `${where}${this.code}: ${this.message}`;
  }

  /** `file:row:col: code: message`, for people (CLI output, logs). */
  describe(): string {
    const where = this.location ? `${formatLocation(this.location)}: ` : "";
    return `${where}${this.code}: ${this.message}`;
  }
}

/** `rego_parse_error`: the source is not Rego. */
export class ParseError extends RegoError {
  constructor(message: string, location?: Location, details?: string) {
    super("rego_parse_error", message, location, details);
    this.name = "ParseError";
  }
}

/** Codes of compile errors. */
export type CompileErrorCode =
  | "rego_compile_error"
  | "rego_type_error"
  | "rego_unsafe_var_error"
  | "rego_recursion_error";

/** Errors found by the compiler stages. */
export class CompileError extends RegoError {
  constructor(code: CompileErrorCode, message: string, location?: Location) {
    super(code, message, location);
    this.name = "CompileError";
  }
}

/** Errors raised while evaluating a query. */
export class RegoEvalError extends RegoError {
  constructor(
    code:
      | "eval_conflict_error"
      | "eval_type_error"
      | "eval_builtin_error"
      | "eval_internal_error"
      | "eval_cancel_error"
      | "eval_with_merge_error",
    message: string,
    location?: Location,
  ) {
    super(code, message, location);
    this.name = "RegoEvalError";
  }
}

/** OPA's `CompileErrorLimitDefault`. */
export const ERROR_LIMIT = 10;

/** Several errors at once (parse and compile report all they find, sorted by location). */
export class RegoErrors extends Error {
  readonly errors: readonly RegoError[];

  constructor(errors: readonly RegoError[]) {
    const sorted = [...errors].sort((a, b) => compareLocations(a.location, b.location));
    super(formatErrors(sorted));
    this.name = "RegoErrors";
    this.errors = sorted;
  }

  /** The code of the first error (all errors of one stage usually share it). */
  get code(): RegoErrorCode | undefined {
    return this.errors[0]?.code;
  }
}

function formatErrors(errors: readonly RegoError[]): string {
  if (errors.length === 1) return String(errors[0]);
  return `${errors.length} errors occurred:\n${errors.map(String).join("\n")}`;
}

/** Turns anything caught into an Error, for `catch (e: unknown)`. */
export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * Whether `e` is V8's stack overflow: a value nested deeper than a recursive routine can follow.
 * Evaluation reports it as an error, never as a builtin's undefined result.
 */
export function isStackOverflow(e: unknown): e is RangeError {
  return e instanceof RangeError && e.message === "Maximum call stack size exceeded";
}
