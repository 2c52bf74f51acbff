import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { countVerify } from "../../packages/portcullis/src/gator/format-verify.js";
import { verifySuites } from "../../packages/portcullis/src/gator/run-verify.js";
import { listSuiteFiles } from "../../packages/portcullis/src/gator/suite-files.js";

/** Engines the gatekeeper-library suites can run on. */
export type SuiteEngine = "auto" | "rego" | "cel";

/** Pass counts of a run over gatekeeper-library suites (cases; a test that errors counts once). */
export interface GatekeeperSuitesOutcome {
  passed: number;
  failed: number;
  /** A summary line, then one line per failure. */
  lines: string[];
}

/** Runs every Suite below `dir` (as `portcullis verify DIR/...` does) and counts what passed. */
export async function runGatekeeperSuitesAsync(
  dir: string,
  engine: SuiteEngine,
): Promise<GatekeeperSuitesOutcome> {
  const root = resolve(dir);
  let run: Awaited<ReturnType<typeof verifySuites>>;
  try {
    run = await verifySuites(listSuiteFiles(`${root}/...`, root), {
      engine,
      read: (p) => readFileSync(p, "utf8"),
    });
  } catch (e: unknown) {
    return {
      passed: 0,
      failed: 1,
      lines: [`gatekeeper suites (${engine}): ${e instanceof Error ? e.message : String(e)}`],
    };
  }
  const n = countVerify(run.suites);
  const failures: string[] = [];
  let testErrors = 0;
  for (const { display, result } of run.suites) {
    const where = display.startsWith(`${root}/`) ? display.slice(root.length + 1) : display;
    for (const t of result.tests) {
      if (t.error !== undefined) {
        testErrors++;
        failures.push(`  FAIL ${where} ${t.name}: ${t.error.message}`);
      }
      for (const c of t.cases) {
        if (c.error !== undefined) failures.push(`  FAIL ${where} ${t.name}/${c.name}: ${c.error.message}`);
      }
    }
  }
  const failed = n.failedCases + testErrors;
  const passed = n.cases - n.failedCases;
  const skipped =
    n.skippedTests > 0 ? `, ${n.skippedTests} tests skipped (${run.notes.length} without CEL code)` : "";
  const summary =
    `gatekeeper-library suites (engine ${engine}): ${n.suites} suites, ${n.tests} tests, ${n.cases} cases` +
    `${skipped}: ${passed} passed, ${failed} failed`;
  return { passed, failed, lines: [summary, ...failures] };
}

const self = fileURLToPath(import.meta.url);

/**
 * Synchronous form for the conformance main: runs {@link runGatekeeperSuitesAsync} in a child
 * process (this file, under the same loader flags) and reads its JSON.
 */
export function runGatekeeperSuites(dir: string, engine: SuiteEngine): GatekeeperSuitesOutcome {
  const child = spawnSync(process.execPath, [...process.execArgv, self, dir, engine], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  try {
    const parsed: unknown = JSON.parse(child.stdout);
    if (isOutcome(parsed)) return parsed;
  } catch {
    // reported below
  }
  const why = child.error?.message ?? (child.stderr.trim() || `exit code ${String(child.status)}`);
  return { passed: 0, failed: 1, lines: [`gatekeeper suites (${engine}): the runner failed: ${why}`] };
}

function isOutcome(x: unknown): x is GatekeeperSuitesOutcome {
  return (
    typeof x === "object" &&
    x !== null &&
    "passed" in x &&
    typeof x.passed === "number" &&
    "failed" in x &&
    typeof x.failed === "number" &&
    "lines" in x &&
    Array.isArray(x.lines)
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === self) {
  const [dir, engine] = process.argv.slice(2);
  const e: SuiteEngine = engine === "rego" || engine === "cel" ? engine : "auto";
  process.stdout.write(`${JSON.stringify(await runGatekeeperSuitesAsync(dir ?? ".", e))}\n`);
}
