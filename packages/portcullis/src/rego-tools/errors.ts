import { RegoError, RegoErrors } from "@portcullis/rego";

/** Stable codes of the errors the Rego tools raise themselves (the engine raises `RegoError`s). */
export type ToolErrorCode =
  | "file_not_found"
  | "file_read_error"
  | "unrecognized_file"
  | "data_parse_error"
  | "unsupported_document"
  | "data_merge_error"
  | "input_error"
  | "usage_error"
  | "internal_error";

/** What a value too deeply nested to process gets, instead of V8's stack overflow message. */
export const NESTED_TOO_DEEP = "a value is nested too deeply to process (the stack ran out)";

/** An error of the Rego tools: loading files, reading input, bad flags. Names the file where there is one. */
export class ToolError extends Error {
  readonly code: ToolErrorCode;
  readonly file: string | undefined;

  constructor(code: ToolErrorCode, message: string, file?: string) {
    super(file !== undefined ? `${file}: ${message}` : message);
    this.name = "ToolError";
    this.code = code;
    this.file = file;
  }
}

/** One problem found while loading or evaluating: a tool error or one engine error. */
export type Problem = ToolError | RegoError;

/** Flattens anything caught into problems: `RegoErrors` into its errors, other values into a ToolError. */
export function toProblems(e: unknown, fallbackCode: ToolErrorCode = "file_read_error"): Problem[] {
  if (e instanceof RegoErrors) return [...e.errors];
  if (e instanceof RegoError || e instanceof ToolError) return [e];
  return [new ToolError(fallbackCode, e instanceof Error ? e.message : String(e))];
}

/** The one-line text of a problem: `file:row:col: code: message` for engine errors. */
export function problemText(p: Problem): string {
  if (!(p instanceof RegoError)) return p.message;
  const loc = p.location;
  const where =
    loc === undefined
      ? ""
      : loc.file !== ""
        ? `${loc.file}:${loc.row}:${loc.col}: `
        : `${loc.row}:${loc.col}: `;
  return `${where}${p.code}: ${p.message}`;
}

/** The file name the engine gives a query's locations. */
export const QUERY_FILE = "query";

/** Errors located in the query lose the engine's file name: OPA shows them as `row:col`. */
export function unlabelQueryProblems(problems: readonly Problem[]): Problem[] {
  return problems.map((p) =>
    p instanceof RegoError && p.location?.file === QUERY_FILE
      ? new RegoError(p.code, p.message, { ...p.location, file: "" }, p.details)
      : p,
  );
}

/** OPA's loader summary: `1 error occurred during loading: …` or `N errors occurred during loading:\n…`. */
export function formatLoadProblems(problems: readonly Problem[]): string {
  if (problems.length === 1) return `1 error occurred during loading: ${problemText(problems[0] as Problem)}`;
  return `${problems.length} errors occurred during loading:\n${problems.map(problemText).join("\n")}`;
}

/** OPA's presentation summary: `1 error occurred: …` or `N errors occurred:\n…`. */
export function formatProblems(problems: readonly Problem[]): string {
  if (problems.length === 1) return `1 error occurred: ${problemText(problems[0] as Problem)}`;
  return `${problems.length} errors occurred:\n${problems.map(problemText).join("\n")}`;
}
