/**
 * `portcullis verify` names a template that does not compile by its file; this adds the line and
 * column in that file where the Rego error is (as `portcullis test` and `serve` do), when the
 * error's place in the template's Rego can be told.
 */
import {
  InvalidTemplateError,
  parseYamlObjects,
  SuiteError,
  type SuiteResult,
  type TestResult,
} from "@portcullis/constraint";
import { regoErrorPlace, templatePositions } from "../policies/rego-positions.js";

/** The YAML place of a template error, or undefined when it has none to give. */
function placeOf(error: InvalidTemplateError, read: (path: string) => string): string | undefined {
  const file = error.file;
  if (file === undefined || error.templateName === undefined || error.location === undefined)
    return undefined;
  try {
    const text = read(file);
    const positions = templatePositions(text, parseYamlObjects(text, file))[0];
    const place = regoErrorPlace(positions, error.templateName, error.location);
    return place === undefined ? undefined : `${file}:${place.line}:${place.col}`;
  } catch {
    return undefined;
  }
}

function withPlace(test: TestResult, read: (path: string) => string): TestResult {
  const error = test.error;
  if (!(error instanceof SuiteError) || error.code !== "adding_template") return test;
  const cause = error.cause;
  if (!(cause instanceof InvalidTemplateError) || cause.file === undefined) return test;
  const place = placeOf(cause, read);
  if (place === undefined) return test;
  const detail = cause.message.replace(`(${cause.file})`, `(${place})`);
  return { ...test, error: new SuiteError("adding_template", detail, { cause }) };
}

/** A suite's results with each template error placed in its YAML file where it can be. */
export function placeTemplateErrors(result: SuiteResult, read: (path: string) => string): SuiteResult {
  if (!result.tests.some((t) => t.error instanceof SuiteError && t.error.code === "adding_template"))
    return result;
  return { ...result, tests: result.tests.map((t) => withPlace(t, read)) };
}
