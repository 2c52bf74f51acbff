/** Errors raised while parsing, checking or evaluating CEL expressions. */
import { type CelError, isCelError } from "@bufbuild/cel";

/**
 * A CEL runtime error raised by a library function; @bufbuild/cel turns it into an error value
 * (which `&&`, `||` and the `all`/`exists` macros absorb when the other side decides the result).
 */
export class CelEvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CelEvalError";
  }
}

/** Stable codes of compile-time problems. */
export type CelCompileCode = "cel_syntax_error" | "cel_undeclared_reference" | "cel_unsupported";

/** A CEL expression that does not parse or refers to something undeclared. */
export class CelCompileError extends Error {
  constructor(
    readonly code: CelCompileCode,
    message: string,
    /** 1-based line and column inside the expression. */
    readonly row: number,
    readonly col: number,
  ) {
    super(message);
    this.name = "CelCompileError";
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineCol(text: string, offset: number): { row: number; col: number } {
  let row = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      row++;
      col = 1;
    } else col++;
  }
  return { row, col };
}

/**
 * True for a CEL error value. The same answer as @bufbuild/cel's `isCelError`, cheaper for the
 * values that are not errors (nearly all): only an `Error` gets the library's check.
 */
export function isCelErrorValue(v: unknown): v is CelError {
  return v instanceof Error && isCelError(v);
}
