import { TemplateError } from "./driver.js";

/** Where a problem was found: the file a document came from, and the object's name. */
export interface Origin {
  readonly file?: string;
  readonly name?: string;
}

function prefix(what: string, origin: Origin): string {
  const name = origin.name ? ` "${origin.name}"` : "";
  const file = origin.file ? ` (${origin.file})` : "";
  return `${what}${name}${file}`;
}

/**
 * A ConstraintTemplate that is malformed or does not compile. `code` is stable
 * (`template_*`, `rego_parse_error`, `rego_compile_error`, …); the message names the template
 * and its file.
 */
export class InvalidTemplateError extends TemplateError {
  readonly templateName: string | undefined;
  readonly file: string | undefined;
  /** The message without the template/file prefix. */
  readonly detail: string;

  constructor(
    code: string,
    detail: string,
    origin: Origin,
    location?: { readonly file?: string; readonly row?: number; readonly col?: number },
  ) {
    super(code, `${prefix("invalid ConstraintTemplate", origin)}: ${detail}`, location);
    this.name = "InvalidTemplateError";
    this.templateName = origin.name;
    this.file = origin.file;
    this.detail = detail;
  }
}

/** Stable codes of {@link ConstraintError}. */
export type ConstraintErrorCode =
  | "constraint_malformed"
  | "constraint_unknown_kind"
  | "constraint_group"
  | "constraint_version"
  | "constraint_name"
  | "constraint_enforcement_action"
  | "constraint_selector"
  | "constraint_match"
  | "constraint_schema"
  | "constraint_unknown_fields";

/**
 * A constraint that does not fit its template. `constraint_schema` is Gatekeeper's `ErrSchema`
 * (parameters do not validate), which gator's `invalid: true` tests expect.
 */
export class ConstraintError extends Error {
  readonly code: ConstraintErrorCode;
  readonly constraintName: string | undefined;
  readonly file: string | undefined;
  readonly detail: string;

  constructor(code: ConstraintErrorCode, detail: string, origin: Origin & { readonly kind?: string }) {
    const what = origin.kind ? `invalid ${origin.kind}` : "invalid constraint";
    super(`${prefix(what, origin)}: ${detail}`);
    this.name = "ConstraintError";
    this.code = code;
    this.constraintName = origin.name;
    this.file = origin.file;
    this.detail = detail;
  }
}

/** Stable codes of {@link ReviewError}. */
export type ReviewErrorCode = "review_no_object" | "review_malformed" | "review_delete_without_old_object";

/** An object or AdmissionRequest that cannot be reviewed. */
export class ReviewError extends Error {
  readonly code: ReviewErrorCode;

  constructor(code: ReviewErrorCode, message: string) {
    super(message);
    this.name = "ReviewError";
    this.code = code;
  }
}
