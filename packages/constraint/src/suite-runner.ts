import { ConstraintClient } from "./client.js";
import type { Driver, JsonObject } from "./driver.js";
import { ENFORCEMENT_POINTS } from "./enforcement.js";
import { ConstraintError } from "./errors.js";
import { isAdmissionReview, reviewFromAdmissionReview, reviewFromObject } from "./review.js";
import type { Suite, SuiteCase, SuiteTest } from "./suite.js";
import { checkAssertion } from "./suite-assertion.js";
import { SuiteError } from "./suite-errors.js";
import { newSuiteFilter, type SuiteFilter } from "./suite-filter.js";
import type { EngineChoice } from "./templates.js";
import { parseYamlObjects } from "./yaml-documents.js";

/** Reads the files a suite names (the CLI supplies it; paths are joined to the suite's directory). */
export interface SuiteFileReader {
  read(path: string): string | Promise<string>;
}

/** How to run suites. */
export interface RunSuiteOptions {
  /** Drivers for the test clients (default: Rego only). */
  readonly drivers?: readonly Driver[];
  /** Engine choice for templates (default `auto`). */
  readonly engine?: EngineChoice;
  /** The `--run` filter (already parsed), or a filter string. */
  readonly filter?: SuiteFilter | string;
  /** Milliseconds allowed per review. */
  readonly timeoutMs?: number;
  /** Clock for runtimes (default Date.now). */
  readonly now?: () => number;
  /** Trace each case's review ({@link CaseResult.trace}; gator verify's `--trace`). */
  readonly trace?: boolean;
}

/** Outcome of one case. */
export interface CaseResult {
  readonly name: string;
  readonly skipped: boolean;
  readonly error: Error | undefined;
  readonly runtimeMs: number;
  /** `print()` output of the templates. */
  readonly prints: readonly string[];
  /** With {@link RunSuiteOptions.trace}: the trace of the case's review, when it got that far. */
  readonly trace?: string;
}

/** Outcome of one test. */
export interface TestResult {
  readonly name: string;
  readonly skipped: boolean;
  readonly error: Error | undefined;
  readonly runtimeMs: number;
  readonly cases: readonly CaseResult[];
}

/** Outcome of one suite. */
export interface SuiteResult {
  readonly path: string;
  readonly skipped: boolean;
  readonly error: Error | undefined;
  readonly runtimeMs: number;
  readonly tests: readonly TestResult[];
}

/** True when nothing in the result failed. */
export function suitePassed(r: SuiteResult): boolean {
  return (
    r.error === undefined &&
    r.tests.every((t) => t.error === undefined && t.cases.every((c) => c.error === undefined))
  );
}

/** Joins a relative path to a directory, POSIX style, resolving `.` and `..`. */
export function joinPath(dir: string, rel: string): string {
  const parts = `${dir}/${rel}`.split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!dir.startsWith("/")) out.push("..");
    } else out.push(p);
  }
  return (dir.startsWith("/") ? "/" : "") + out.join("/");
}

function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  if (i < 0) return ".";
  return i === 0 ? "/" : path.slice(0, i);
}

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

class SuiteContext {
  private readonly cache = new Map<string, Promise<JsonObject[]>>();

  constructor(
    private readonly reader: SuiteFileReader,
    readonly dir: string,
  ) {}

  resolve(rel: string): string {
    if (rel.startsWith("/"))
      throw new SuiteError("invalid_suite", `absolute paths are not allowed: "${rel}"`);
    return joinPath(this.dir, rel);
  }

  /** The YAML documents of a file (empty documents skipped). */
  objects(rel: string): Promise<JsonObject[]> {
    const path = this.resolve(rel);
    let p = this.cache.get(path);
    if (p === undefined) {
      p = this.load(path);
      this.cache.set(path, p);
    }
    return p;
  }

  private async load(path: string): Promise<JsonObject[]> {
    let text: string;
    try {
      text = await this.reader.read(path);
    } catch (e: unknown) {
      throw new SuiteError("read_file", `"${path}": ${toError(e).message}`);
    }
    let out: JsonObject[];
    try {
      out = parseYamlObjects(text, path);
    } catch (e: unknown) {
      throw new SuiteError("invalid_yaml", `reading ${toError(e).message}`);
    }
    if (out.length === 0) throw new SuiteError("no_objects", `path "${path}" defines no YAML objects`);
    return out;
  }

  async single(rel: string): Promise<JsonObject> {
    const objs = await this.objects(rel);
    const first = objs[0];
    if (objs.length !== 1 || first === undefined) {
      throw new SuiteError("multiple_objects", `"${this.resolve(rel)}" defines ${objs.length} objects`);
    }
    return first;
  }
}

/**
 * Runs a gator Suite (b13): each test builds a fresh client with its template and constraint
 * (and its ExpansionTemplate, when it names one);
 * `invalid: true` tests pass only when the constraint fails schema validation; each case
 * reviews its object (or AdmissionReview) with its inventory at the gator enforcement point
 * and checks its assertions in order.
 */
export async function runSuite(
  suite: Suite,
  reader: SuiteFileReader,
  options: RunSuiteOptions = {},
): Promise<SuiteResult> {
  const now = options.now ?? Date.now;
  const start = now();
  if (suite.skip) return { path: suite.path, skipped: true, error: undefined, runtimeMs: 0, tests: [] };
  const filter =
    typeof options.filter === "string"
      ? newSuiteFilter(options.filter)
      : (options.filter ?? newSuiteFilter(""));
  const ctx = new SuiteContext(reader, dirname(suite.path));
  const tests: TestResult[] = [];
  for (const t of suite.tests) {
    if (
      t.skip ||
      !filter.matchesTest(
        t.name,
        t.cases.map((c) => c.name),
      )
    ) {
      tests.push({ name: t.name, skipped: true, error: undefined, runtimeMs: 0, cases: [] });
      continue;
    }
    tests.push(await runTest(t, ctx, filter, options));
  }
  return { path: suite.path, skipped: false, error: undefined, runtimeMs: now() - start, tests };
}

async function makeClient(
  t: SuiteTest,
  ctx: SuiteContext,
  options: RunSuiteOptions,
): Promise<ConstraintClient> {
  const client = new ConstraintClient({
    ...(options.drivers !== undefined ? { drivers: options.drivers } : {}),
    engine: options.engine ?? "auto",
  });
  if (t.template === "") throw new SuiteError("invalid_suite", "missing template");
  const template = await ctx.single(t.template);
  try {
    client.addTemplate(template, { file: ctx.resolve(t.template) });
  } catch (e: unknown) {
    throw new SuiteError("adding_template", toError(e).message, { cause: e });
  }
  if (t.constraint === "") throw new SuiteError("invalid_suite", "missing constraint");
  const constraint = await ctx.single(t.constraint);
  client.addConstraint(constraint, { file: ctx.resolve(t.constraint) });
  if (t.expansion !== "") {
    const expansion = await ctx.single(t.expansion);
    try {
      client.addExpansionTemplate(expansion);
    } catch (e: unknown) {
      throw new SuiteError("adding_expansion", toError(e).message, { cause: e });
    }
  }
  return client;
}

async function runTest(
  t: SuiteTest,
  ctx: SuiteContext,
  filter: SuiteFilter,
  options: RunSuiteOptions,
): Promise<TestResult> {
  const now = options.now ?? Date.now;
  const start = now();
  let error: Error | undefined;
  const cases: CaseResult[] = [];
  let client: ConstraintClient | undefined;
  try {
    client = await makeClient(t, ctx, options);
    if (t.invalid) error = new SuiteError("valid_constraint", "got no error but want a schema error");
  } catch (e: unknown) {
    const schemaError = e instanceof ConstraintError && e.code === "constraint_schema";
    if (t.invalid) {
      if (!schemaError)
        error = new SuiteError("valid_constraint", `got error ${toError(e).message} but want a schema error`);
    } else {
      error =
        e instanceof ConstraintError
          ? new SuiteError("adding_constraint", e.message, { cause: e })
          : toError(e);
    }
  }
  if (!t.invalid && error === undefined && client !== undefined) {
    for (const c of t.cases) {
      if (c.skip || !filter.matchesCase(t.name, c.name)) {
        cases.push({ name: c.name, skipped: true, error: undefined, runtimeMs: 0, prints: [] });
        continue;
      }
      cases.push(await runCase(client, c, ctx, options));
    }
  }
  return { name: t.name, skipped: false, error, runtimeMs: now() - start, cases };
}

/** Runs one case on the test's client (its template compiled once); the inventory is the case's own. */
async function runCase(
  client: ConstraintClient,
  c: SuiteCase,
  ctx: SuiteContext,
  options: RunSuiteOptions,
): Promise<CaseResult> {
  const now = options.now ?? Date.now;
  const start = now();
  const prints: string[] = [];
  let error: Error | undefined;
  let trace: string | undefined;
  try {
    if (c.object === "") throw new SuiteError("invalid_case", "must define object");
    if (c.assertions.length === 0) throw new SuiteError("invalid_case", "assertions must be non-empty");
    client.inventory.clear();
    const obj = await ctx.single(c.object);
    for (const inv of c.inventory) {
      for (const o of await ctx.objects(inv)) {
        try {
          client.addData(o);
        } catch (e: unknown) {
          throw new SuiteError("add_inventory", toError(e).message, { cause: e });
        }
      }
    }
    let input: ReturnType<typeof reviewFromObject>;
    try {
      input = isAdmissionReview(obj) ? reviewFromAdmissionReview(obj) : reviewFromObject(obj);
    } catch (e: unknown) {
      throw new SuiteError("review", toError(e).message, { cause: e });
    }
    const response = client.review(input, {
      enforcementPoint: ENFORCEMENT_POINTS.gator,
      source: "Original",
      print: (m) => prints.push(m),
      ...(options.timeoutMs !== undefined ? { deadline: Date.now() + options.timeoutMs } : {}),
      ...(options.trace === true ? { trace: true } : {}),
    });
    trace = response.trace;
    const messages = response.results.map((r) => r.msg);
    for (const a of c.assertions) checkAssertion(a, messages);
  } catch (e: unknown) {
    error = toError(e);
  }
  const result: CaseResult = { name: c.name, skipped: false, error, runtimeMs: now() - start, prints };
  return trace === undefined ? result : { ...result, trace };
}
