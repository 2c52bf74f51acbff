/** Stable codes of {@link SuiteError}, after gator's sentinel errors. */
export type SuiteErrorCode =
  | "invalid_suite"
  | "invalid_case"
  | "invalid_yaml"
  | "invalid_filter"
  | "invalid_regex"
  | "read_file"
  | "no_objects"
  | "multiple_objects"
  | "adding_template"
  | "adding_constraint"
  | "adding_expansion"
  | "add_inventory"
  | "valid_constraint"
  | "review"
  | "num_violations";

/** Gator's text for each code (the `%w` prefix of its errors). */
const PREFIX: Record<SuiteErrorCode, string> = {
  invalid_suite: "invalid Suite",
  invalid_case: "invalid Case",
  invalid_yaml: "invalid yaml",
  invalid_filter: "invalid test filter",
  invalid_regex: "message is not a valid regular expression",
  read_file: "unable to read file",
  no_objects: "missing objects",
  multiple_objects: "object file must contain exactly one object",
  adding_template: "adding template",
  adding_constraint: "adding constraint",
  adding_expansion: "adding ExpansionTemplate",
  add_inventory: "adding inventory",
  valid_constraint: "constraint should be invalid",
  review: "reviewing object",
  num_violations: "unexpected number of violations",
};

/** A suite, test or case failure, worded as gator words it. */
export class SuiteError extends Error {
  readonly code: SuiteErrorCode;

  constructor(code: SuiteErrorCode, detail: string, options?: { cause?: unknown }) {
    super(`${PREFIX[code]}: ${detail}`, options);
    this.name = "SuiteError";
    this.code = code;
  }
}
