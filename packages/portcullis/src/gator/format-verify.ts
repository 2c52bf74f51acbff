import type { CaseResult, SuiteResult, TestResult } from "@portcullis/constraint";
import { formatGoDuration } from "../rego-tools/index.js";
import type { VerifiedSuite } from "./run-verify.js";

function duration(ms: number): string {
  return formatGoDuration(Math.round(ms * 1000) * 1000);
}

function caseFailed(c: CaseResult): boolean {
  return c.error !== undefined;
}

function testFailed(t: TestResult): boolean {
  return t.error !== undefined || t.cases.some(caseFailed);
}

/** True when a suite, or any of its tests or cases, failed. */
export function suiteFailed(r: SuiteResult): boolean {
  return r.error !== undefined || r.tests.some(testFailed);
}

/** A case's trace (`--trace`), indented below it: with `-v` for every case, else for failures. */
function printTrace(c: CaseResult, out: string[]): void {
  if (c.trace === undefined || c.trace === "") return;
  out.push("        === TRACE ===\n");
  for (const line of c.trace.split("\n")) out.push(`        ${line}\n`);
}

function printCase(c: CaseResult, verbose: boolean, out: string[]): void {
  if (verbose) {
    if (c.skipped) {
      out.push(`    === SKIP  ${c.name}\n`);
      return;
    }
    out.push(`    === RUN   ${c.name}\n`);
    const printed = c.prints.join("\n").replace(/\n$/, "");
    if (printed !== "") {
      out.push("        === PRINT ===\n");
      for (const line of printed.split("\n")) out.push(`        ${line}\n`);
    }
  }
  if (verbose || c.error !== undefined) printTrace(c, out);
  if (c.error !== undefined)
    out.push(`    --- FAIL: ${c.name}\t(${duration(c.runtimeMs)})\n        ${c.error.message}\n`);
  else if (verbose) out.push(`    --- PASS: ${c.name}\t(${duration(c.runtimeMs)})\n`);
}

function printTest(t: TestResult, verbose: boolean, out: string[]): void {
  if (verbose) {
    if (t.skipped) {
      out.push(`=== SKIP  ${t.name}\n`);
      return;
    }
    out.push(`=== RUN   ${t.name}\n`);
  }
  for (const c of t.cases) printCase(c, verbose, out);
  if (testFailed(t)) {
    out.push(`--- FAIL: ${t.name}\t(${duration(t.runtimeMs)})\n`);
    if (t.error !== undefined) out.push(`  ${t.error.message}\n`);
  } else if (verbose) out.push(`--- PASS: ${t.name}\t(${duration(t.runtimeMs)})\n`);
}

/**
 * gator verify's `go test`-like report: per suite `ok`/`FAIL` with its path and duration, failed
 * tests and cases with their errors (every test and case with `-v`), then `PASS` or `FAIL`.
 */
export function formatVerify(suites: readonly VerifiedSuite[], verbose: boolean): string {
  const out: string[] = [];
  let fail = false;
  for (const { display, result } of suites) {
    for (const t of result.tests) printTest(t, verbose, out);
    if (suiteFailed(result)) {
      fail = true;
      out.push(`FAIL\t${display}\t${duration(result.runtimeMs)}\n`);
      if (result.error !== undefined) out.push(`  ${result.error.message}\n`);
    } else out.push(`ok\t${display}\t${duration(result.runtimeMs)}\n`);
  }
  out.push(fail ? "FAIL\n" : "PASS\n");
  return out.join("");
}

/** Counts of suites, tests and cases run and failed (skipped ones not counted as run). */
export interface VerifyCounts {
  suites: number;
  tests: number;
  cases: number;
  failedSuites: number;
  failedTests: number;
  failedCases: number;
  skippedTests: number;
}

/** Tallies a verify run. */
export function countVerify(suites: readonly VerifiedSuite[]): VerifyCounts {
  const n: VerifyCounts = {
    suites: 0,
    tests: 0,
    cases: 0,
    failedSuites: 0,
    failedTests: 0,
    failedCases: 0,
    skippedTests: 0,
  };
  for (const { result } of suites) {
    n.suites++;
    if (suiteFailed(result)) n.failedSuites++;
    for (const t of result.tests) {
      if (t.skipped) {
        n.skippedTests++;
        continue;
      }
      n.tests++;
      if (testFailed(t)) n.failedTests++;
      for (const c of t.cases) {
        if (c.skipped) continue;
        n.cases++;
        if (caseFailed(c)) n.failedCases++;
      }
    }
  }
  return n;
}
