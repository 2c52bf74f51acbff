/** Stable codes of {@link GatorError}. */
export type GatorErrorCode =
  | "no_input"
  | "read_file"
  | "bad_extension"
  | "not_a_directory"
  | "invalid_yaml"
  | "invalid_template"
  | "invalid_constraint"
  | "invalid_expansion"
  | "unknown_kind"
  | "invalid_data"
  | "review"
  | "invalid_suite"
  | "invalid_filter"
  | "nothing_to_bench"
  | "invalid_baseline"
  | "bench_worker"
  | "invalid_sync";

/** Where an error was found: a file, and a 1-based line and column when known. */
export interface GatorErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
}

/**
 * A problem with what `portcullis test` or `portcullis verify` was given: unreadable or malformed
 * files, bad templates or constraints. The message names the file (and line:col when known).
 */
export class GatorError extends Error {
  readonly code: GatorErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly col: number | undefined;

  constructor(code: GatorErrorCode, message: string, location: GatorErrorLocation = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "GatorError";
    this.code = code;
    this.file = location.file;
    this.line = location.line;
    this.col = location.col;
  }
}

/** The message of anything thrown. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
