import {
  type ExplainMode,
  explainEvents,
  type Policy,
  type PreparedQuery,
  prettyTrace,
  type RegoVersion,
  Tracer,
  type Value,
} from "@portcullis/rego";
import type { TestCase } from "./discover-tests.js";
import { type Problem, toProblems } from "./errors.js";

/** OPA's default timeout of one test. */
export const DEFAULT_TEST_TIMEOUT_MS = 5_000;

/** How one test ended. */
export type TestOutcome = "pass" | "fail" | "error" | "skip";

/** The result of one test. */
export interface TestResult {
  readonly test: TestCase;
  readonly outcome: TestOutcome;
  readonly durationNs: number;
  /** Set when the outcome is `error`. */
  readonly error: Problem | undefined;
  /** What `print` wrote while the test ran. */
  readonly output: string;
  /** With {@link RunTestsOptions.explain}: the test's trace lines, as that mode keeps them. */
  readonly trace?: readonly string[];
}

/** Options for {@link runTests}. */
export interface RunTestsOptions {
  readonly data: Value;
  readonly version?: RegoVersion;
  readonly timeoutMs?: number;
  /** Called after each test, for streaming reporters. */
  readonly onResult?: (result: TestResult) => void;
  /**
   * OPA's `--explain` (with `-v`): `fails` traces the tests that did not pass, `notes` and `full`
   * every test. A traced test runs a second time with a tracer, so its timing stays untraced.
   */
  readonly explain?: ExplainMode;
}

const RESULT_VAR = "pcq__result";

/**
 * Runs tests against a compiled policy as `opa test` does: a test passes when its rule's value is
 * `true`; it fails when the value is undefined or anything else; it errors when evaluation raises
 * an error (or exceeds the timeout). Skipped tests are not evaluated.
 */
export function runTests(policy: Policy, tests: readonly TestCase[], options: RunTestsOptions): TestResult[] {
  const timeout = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  return tests.map((test) => {
    const ran = test.skip ? skipped(test) : runOne(policy, test, options, timeout);
    const mode = options.explain;
    const traced =
      mode === undefined || ran.outcome === "skip" || (mode === "fails" && ran.outcome === "pass")
        ? ran
        : { ...ran, trace: traceOf(policy, test, options, timeout, mode) };
    options.onResult?.(traced);
    return traced;
  });
}

/** A test's trace lines, from a run of its own with a tracer (its errors are its first run's). */
function traceOf(
  policy: Policy,
  test: TestCase,
  options: RunTestsOptions,
  timeout: number,
  mode: ExplainMode,
): string[] {
  const tracer = new Tracer();
  try {
    testQuery(policy, test, options).eval({ data: options.data, deadline: Date.now() + timeout, tracer });
  } catch {
    // The first run reported the error; the trace shows how far evaluation came.
  }
  return prettyTrace(explainEvents(tracer.events, mode), { locations: true });
}

function testQuery(policy: Policy, test: TestCase, options: RunTestsOptions): PreparedQuery {
  return policy.prepare(`${RESULT_VAR} = ${documentRef(test.path)}`, { regoVersion: options.version ?? 1 });
}

function skipped(test: TestCase): TestResult {
  return { test, outcome: "skip", durationNs: 0, error: undefined, output: "" };
}

function runOne(policy: Policy, test: TestCase, options: RunTestsOptions, timeout: number): TestResult {
  const output: string[] = [];
  const start = performance.now();
  const finish = (outcome: TestOutcome, error?: Problem): TestResult => ({
    test,
    outcome,
    durationNs: Math.round((performance.now() - start) * 1e6),
    error,
    output: output.join(""),
  });
  let prepared: PreparedQuery;
  try {
    prepared = testQuery(policy, test, options);
    const rows = prepared.eval({
      data: options.data,
      deadline: Date.now() + timeout,
      print: (message) => {
        output.push(`${message}\n`);
      },
    });
    return finish(rows[0]?.bindings[RESULT_VAR] === true ? "pass" : "fail");
  } catch (e: unknown) {
    return finish("error", toProblems(e, "internal_error")[0]);
  }
}

/** `data.a["b-c"].d`: a ref to a document path, quoting segments that are not identifiers. */
export function documentRef(path: readonly string[]): string {
  return `data${path.map((p) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p) && !KEYWORDS.has(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join("")}`;
}

const KEYWORDS = new Set([
  "as",
  "contains",
  "default",
  "else",
  "every",
  "false",
  "if",
  "import",
  "in",
  "not",
  "null",
  "package",
  "some",
  "true",
  "with",
]);
