import { parseYamlStream, YamlNestingError } from "@portcullis/rego";
import { isObject, splitApiVersion, stringAt } from "./json-util.js";
import { SuiteError } from "./suite-errors.js";

/** Group and kind of gator Suite files. */
export const SUITE_GROUP = "test.gatekeeper.sh";
export const SUITE_KIND = "Suite";

/** One assertion: how many results (whose msg matches `message`) a case must produce. */
export interface Assertion {
  /** `yes` (default), `no`, or an exact count; kept as written for gator's validation at run time. */
  readonly violations: number | string | undefined;
  /** Go regular expression matched against each result's msg; unset matches all. */
  readonly message: string | undefined;
}

/** One case: an object (or AdmissionReview) to review, inventory, assertions. */
export interface SuiteCase {
  readonly name: string;
  readonly object: string;
  readonly inventory: readonly string[];
  readonly assertions: readonly Assertion[];
  readonly skip: boolean;
}

/** One test: a template and constraint pair and its cases. */
export interface SuiteTest {
  readonly name: string;
  readonly template: string;
  readonly constraint: string;
  readonly expansion: string;
  readonly cases: readonly SuiteCase[];
  /** The constraint is expected to fail schema validation. */
  readonly invalid: boolean;
  readonly skip: boolean;
}

/** A gator Suite file. */
export interface Suite {
  /** Path of the suite file; test paths are relative to its directory. */
  readonly path: string;
  readonly name: string;
  readonly tests: readonly SuiteTest[];
  readonly skip: boolean;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function bool(v: unknown): boolean {
  return v === true;
}

function list(v: unknown, what: string): readonly unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new SuiteError("invalid_yaml", `${what} must be a list`);
  return v;
}

/**
 * Parses a suite file. Returns undefined for YAML that is not a `test.gatekeeper.sh` Suite
 * (gator ignores those). Throws SuiteError `invalid_yaml` for malformed YAML or fields.
 */
export function parseSuite(text: string, path: string): Suite | undefined {
  const bad = (line: number, col: number, message: string): SuiteError =>
    new SuiteError("invalid_yaml", `parsing yaml file "${path}": ${path}:${line}:${col}: ${message}`);
  let docs: ReturnType<typeof parseYamlStream>;
  try {
    docs = parseYamlStream(text);
  } catch (e: unknown) {
    if (e instanceof YamlNestingError) throw bad(e.line, e.col, e.message);
    throw e;
  }
  const first = docs[0];
  if (first === undefined) return undefined;
  const error = first.errors[0];
  if (error !== undefined) {
    const at = error.linePos?.[0] ?? { line: 1, col: 1 };
    throw bad(at.line, at.col, error.message);
  }
  const doc: unknown = first.toJS();
  if (!isObject(doc)) return undefined;
  if (splitApiVersion(stringAt(doc, "apiVersion") ?? "").group !== SUITE_GROUP || doc.kind !== SUITE_KIND)
    return undefined;
  const tests = list(doc.tests, "tests").map((t, i): SuiteTest => {
    if (!isObject(t)) throw new SuiteError("invalid_yaml", `${path}: tests[${i}] must be an object`);
    return {
      name: str(t.name),
      template: str(t.template),
      constraint: str(t.constraint),
      expansion: str(t.expansion),
      invalid: bool(t.invalid),
      skip: bool(t.skip),
      cases: list(t.cases, `tests[${i}].cases`).map((c, j): SuiteCase => {
        if (!isObject(c))
          throw new SuiteError("invalid_yaml", `${path}: tests[${i}].cases[${j}] must be an object`);
        return {
          name: str(c.name),
          object: str(c.object),
          inventory: list(c.inventory, `tests[${i}].cases[${j}].inventory`).map(str),
          skip: bool(c.skip),
          assertions: list(c.assertions, `tests[${i}].cases[${j}].assertions`).map((a): Assertion => {
            const v = isObject(a) ? a.violations : undefined;
            const m = isObject(a) ? a.message : undefined;
            return {
              violations: typeof v === "number" || typeof v === "string" ? v : undefined,
              message: typeof m === "string" ? m : m === undefined || m === null ? undefined : String(m),
            };
          }),
        };
      }),
    };
  });
  const md = doc.metadata;
  return { path, name: stringAt(md, "name") ?? "", tests, skip: bool(doc.skip) };
}
