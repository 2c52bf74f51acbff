import { type Problem, problemText } from "./errors.js";
import { errorJson } from "./format-eval.js";
import { formatGoDuration } from "./go-duration.js";
import { GoStruct, goJson } from "./go-json.js";
import type { TestResult } from "./run-tests.js";

const RULE = "-".repeat(80);

/** Counts of outcomes, as the summary prints them. */
export interface TestSummary {
  readonly pass: number;
  readonly fail: number;
  readonly error: number;
  readonly skip: number;
  readonly total: number;
}

/** Counts outcomes. */
export function summarize(results: readonly TestResult[]): TestSummary {
  const count = (o: TestResult["outcome"]): number => results.filter((r) => r.outcome === o).length;
  return {
    pass: count("pass"),
    fail: count("fail"),
    error: count("error"),
    skip: count("skip"),
    total: results.length,
  };
}

/** `data.pkg.test_x: PASS (1.2ms)` (no duration for skipped tests), as OPA prints one result. */
export function resultLine(r: TestResult): string {
  const label = { pass: "PASS", fail: "FAIL", error: "ERROR", skip: "SKIPPED" }[r.outcome];
  const head = `${r.test.pkg}.${r.test.name}: ${label}`;
  return r.outcome === "skip" ? head : `${head} (${formatGoDuration(r.durationNs)})`;
}

/** A test's trace lines, indented below it. */
function traceLines(r: TestResult): string[] {
  return r.trace === undefined || r.trace.length === 0 ? [] : r.trace.map((l) => `  ${l}`);
}

/**
 * `opa test`'s pretty report: with `verbose` every test, otherwise only those that did not pass,
 * grouped under their file name, each error below its test; a rule of dashes; then the
 * `PASS: n/N`, `FAIL: …`, `SKIPPED: …`, `ERROR: …` lines for the non-zero counts. With
 * `verbose`, failures come first with their traces (`--explain fails`), and with `--explain
 * notes` or `full` each test's trace follows it in the list.
 */
export function formatPrettyReport(
  results: readonly TestResult[],
  verbose: boolean,
  explain: "fails" | "notes" | "full" = "fails",
): string {
  const out: string[] = [];
  const failures = results.filter((r) => r.outcome === "fail");
  if (verbose && failures.length > 0) {
    out.push("FAILURES", RULE);
    for (const f of failures) out.push(resultLine(f), "", ...traceLines(f), "");
    out.push("SUMMARY", RULE);
  }
  let lastFile: string | undefined;
  let dirty = false;
  for (const r of results) {
    if (verbose || r.outcome !== "pass") {
      if (r.test.location.file !== lastFile) {
        if (lastFile !== undefined) out.push("");
        out.push(`${r.test.location.file}:`);
        lastFile = r.test.location.file;
      }
      dirty = true;
      out.push(resultLine(r));
      if (verbose && explain !== "fails" && r.trace !== undefined) out.push(...traceLines(r));
      const printed = r.output.trim();
      if (printed !== "") out.push("", ...printed.split("\n").map((l) => `  ${l}`), "");
    }
    if (r.error !== undefined) out.push(`  ${errorText(r.error)}`);
  }
  if (dirty) out.push(RULE);
  const s = summarize(results);
  if (s.pass > 0) out.push(`PASS: ${s.pass}/${s.total}`);
  if (s.fail > 0) out.push(`FAIL: ${s.fail}/${s.total}`);
  if (s.skip > 0) out.push(`SKIPPED: ${s.skip}/${s.total}`);
  if (s.error > 0) out.push(`ERROR: ${s.error}/${s.total}`);
  return out.map((l) => `${l}\n`).join("");
}

/** `opa test --format json`: an array of results (location, package, name, fail/error/skip, duration in ns). */
export function formatJsonReport(results: readonly TestResult[]): string {
  const items = results.map((r) => {
    const loc = r.test.location;
    return new GoStruct([
      [
        "location",
        new GoStruct([
          ["file", loc.file],
          ["row", loc.row],
          ["col", loc.col],
        ]),
      ],
      ["package", r.test.pkg],
      ["name", r.test.name],
      ["fail", r.outcome === "fail" ? true : undefined],
      ["error", r.error !== undefined ? errorJson(r.error) : undefined],
      ["skip", r.outcome === "skip" ? true : undefined],
      ["duration", r.durationNs],
      ["output", r.output !== "" ? Buffer.from(r.output, "utf8").toString("base64") : undefined],
    ]);
  });
  return `${goJson(items, "  ")}\n`;
}

function errorText(p: Problem): string {
  return problemText(p);
}
