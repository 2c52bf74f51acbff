import type { GoRegexp } from "@portcullis/constraint";
import type { ExplainMode, Module } from "@portcullis/rego";
import { Policy, type RegoVersion, type Value } from "@portcullis/rego";
import { discoverTests } from "./discover-tests.js";
import { type Problem, toProblems } from "./errors.js";
import { runTests, type TestResult } from "./run-tests.js";

/** What to run. */
export interface TestSuiteRequest {
  readonly modules: readonly Module[];
  readonly data: Value;
  /** OPA's `--run`: only tests whose `data.pkg.name` matches. */
  readonly filter?: GoRegexp;
  readonly version?: RegoVersion;
  readonly timeoutMs?: number;
  readonly onResult?: (result: TestResult) => void;
  /** Trace tests as OPA's `--explain` does (see `RunTestsOptions.explain`). */
  readonly explain?: ExplainMode;
}

/** Results of every test, or the compile errors that kept them from running. */
export type TestSuiteOutcome =
  | { readonly kind: "results"; readonly results: readonly TestResult[] }
  | { readonly kind: "errors"; readonly errors: readonly Problem[] };

/** Discovers the tests, compiles the modules once and runs the tests. Never throws. */
export function runTestSuite(request: TestSuiteRequest): TestSuiteOutcome {
  const { modules, cases } = discoverTests(request.modules, request.filter);
  let policy: Policy;
  try {
    policy = new Policy({ parsed: modules });
  } catch (e: unknown) {
    return { kind: "errors", errors: toProblems(e) };
  }
  const results = runTests(policy, cases, {
    data: request.data,
    ...(request.version !== undefined ? { version: request.version } : {}),
    ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
    ...(request.onResult !== undefined ? { onResult: request.onResult } : {}),
    ...(request.explain !== undefined ? { explain: request.explain } : {}),
  });
  return { kind: "results", results };
}

/** `opa test`'s exit code: 2 when a test did not pass (skipped ones too, unless `exitZeroOnSkipped`), else 0. */
export function testExitCode(results: readonly TestResult[], exitZeroOnSkipped = false): number {
  const bad = results.some(
    (r) => r.outcome === "fail" || r.outcome === "error" || (r.outcome === "skip" && !exitZeroOnSkipped),
  );
  return bad ? 2 : 0;
}
