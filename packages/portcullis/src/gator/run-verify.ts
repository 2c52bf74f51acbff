import {
  type Driver,
  type EngineChoice,
  type JsonObject,
  newSuiteFilter,
  parseSuite,
  parseYamlObjects,
  runSuite,
  type Suite,
  SuiteError,
  type SuiteFileReader,
  type SuiteFilter,
  type SuiteResult,
} from "@portcullis/constraint";
import { gatorDrivers, templateHasCel } from "./engine-drivers.js";
import { errorMessage, GatorError } from "./errors.js";
import type { InputFile } from "./input-files.js";
import { parseDocuments } from "./read-documents.js";
import { placeTemplateErrors } from "./template-error-place.js";

/** One suite's outcome and the path to show for it. */
export interface VerifiedSuite {
  readonly display: string;
  readonly result: SuiteResult;
}

/** What a verify run produced. */
export interface VerifyRun {
  readonly suites: readonly VerifiedSuite[];
  /** Remarks (tests skipped under `--engine cel`). */
  readonly notes: readonly string[];
}

/** Options of {@link verifySuites}. */
export interface VerifyOptions {
  readonly engine: EngineChoice;
  /** `--run` regular expression ("" runs everything). */
  readonly run?: string;
  /** Reads a file (absolute path) as text. */
  readonly read: (path: string) => string;
  /** Drivers to use; by default Rego and CEL, each compiling a template once per run. */
  readonly drivers?: readonly Driver[];
  /** Clock in milliseconds (default performance.now). */
  readonly now?: () => number;
  /** Trace each case's review (gator verify's `--trace`). */
  readonly trace?: boolean;
}

/** Cheap test that a file may hold a Suite, so that other YAML files are not parsed at all. */
function maybeSuite(text: string): boolean {
  return text.includes("test.gatekeeper.sh") && text.includes("Suite");
}

/** Reads a Suite file; undefined when the file is not a Suite. Throws GatorError naming the file. */
export function readSuite(file: InputFile, read: (path: string) => string): Suite | undefined {
  let text: string;
  try {
    text = read(file.absolute);
  } catch (e: unknown) {
    throw new GatorError("read_file", `${file.display}: cannot read: ${errorMessage(e)}`, {
      file: file.display,
    });
  }
  if (!maybeSuite(text)) return undefined;
  try {
    return parseSuite(text, file.absolute);
  } catch (e: unknown) {
    if (e instanceof SuiteError && e.code === "invalid_yaml") {
      // go-yaml accepts some YAML the parser does not; the tolerant reader decides, and names the line.
      const first = parseDocuments(text, file.display)[0];
      if (first !== undefined) return parseSuiteObject(first.object, file);
    }
    throw new GatorError("invalid_suite", `${file.display}: ${errorMessage(e)}`, { file: file.display }, e);
  }
}

function parseSuiteObject(object: JsonObject, file: InputFile): Suite | undefined {
  try {
    return parseSuite(JSON.stringify(object), file.absolute);
  } catch (e: unknown) {
    throw new GatorError("invalid_suite", `${file.display}: ${errorMessage(e)}`, { file: file.display }, e);
  }
}

function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

/**
 * Under `--engine cel`, marks tests whose template has no CEL code as skipped (there is nothing to
 * run them on) and says so; a template that cannot be read is left for the runner to report.
 */
export function skipTestsWithoutCel(
  suite: Suite,
  display: string,
  read: (path: string) => string,
): { suite: Suite; notes: string[] } {
  const notes: string[] = [];
  const tests = suite.tests.map((t) => {
    if (t.skip || t.template === "" || t.template.startsWith("/")) return t;
    let hasCel: boolean;
    try {
      const path = `${dirname(suite.path)}/${t.template}`;
      const [template] = parseYamlObjects(read(path), path);
      hasCel = template !== undefined && templateHasCel(template);
    } catch {
      return t;
    }
    if (hasCel) return t;
    notes.push(
      `${display}: test "${t.name}": template ${t.template} has no CEL code; skipped with --engine cel`,
    );
    return { ...t, skip: true };
  });
  return { suite: { ...suite, tests }, notes };
}

function compileFilter(run: string | undefined): SuiteFilter {
  try {
    return newSuiteFilter(run ?? "");
  } catch (e: unknown) {
    throw new GatorError("invalid_filter", `--run: ${errorMessage(e)}`);
  }
}

/**
 * Runs every Suite among `files` (gator verify) through the constraint framework's runSuite, in
 * path order. Files that are not Suites are ignored. Throws GatorError for an unreadable or
 * malformed suite file or a bad `--run` expression; test and case failures are in the results.
 */
export async function verifySuites(files: readonly InputFile[], options: VerifyOptions): Promise<VerifyRun> {
  const filter = compileFilter(options.run);
  const drivers = options.drivers ?? gatorDrivers(true);
  const reader: SuiteFileReader = { read: options.read };
  const now = options.now ?? (() => performance.now());
  const suites: VerifiedSuite[] = [];
  const notes: string[] = [];
  const found: { file: InputFile; suite: Suite }[] = [];
  for (const file of files) {
    const suite = readSuite(file, options.read);
    if (suite !== undefined) found.push({ file, suite });
  }
  for (const { file, suite: parsed } of found) {
    let suite = parsed;
    if (options.engine === "cel") {
      const skipped = skipTestsWithoutCel(parsed, file.display, options.read);
      suite = skipped.suite;
      notes.push(...skipped.notes);
    }
    const result = await runSuite(suite, reader, {
      drivers,
      engine: options.engine,
      filter,
      now,
      ...(options.trace === true ? { trace: true } : {}),
    });
    suites.push({ display: file.display, result: placeTemplateErrors(result, options.read) });
  }
  return { suites, notes };
}
