import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { celDriver } from "./cel/index.js";
import type { Driver } from "./driver.js";
import { regoDriver } from "./drivers/rego/rego-driver.js";
import { parseSuite } from "./suite.js";
import { runSuite, type SuiteResult, suitePassed } from "./suite-runner.js";
import type { EngineChoice } from "./templates.js";

const LIBRARY = join(import.meta.dirname, "../../../../shared/conformance/gatekeeper-library/library");

function findSuites(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findSuites(p));
    else if (name === "suite.yaml") out.push(p);
  }
  return out;
}

const reader = { read: (p: string): string => readFileSync(p, "utf8") };

function failures(r: SuiteResult): string[] {
  const out: string[] = [];
  if (r.error) out.push(`${r.path}: ${r.error.message}`);
  for (const t of r.tests) {
    if (t.error) out.push(`${r.path} ${t.name}: ${t.error.message}`);
    for (const c of t.cases) if (c.error) out.push(`${r.path} ${t.name}/${c.name}: ${c.error.message}`);
  }
  return out;
}

async function runAll(
  engine: EngineChoice,
  drivers?: readonly Driver[],
): Promise<{ suites: number; tests: number; cases: number; failed: string[] }> {
  let suites = 0;
  let tests = 0;
  let cases = 0;
  const failed: string[] = [];
  for (const path of findSuites(LIBRARY)) {
    const suite = parseSuite(readFileSync(path, "utf8"), path);
    if (suite === undefined) continue;
    suites++;
    const r = await runSuite(suite, reader, drivers === undefined ? { engine } : { engine, drivers });
    tests += r.tests.filter((t) => !t.skipped).length;
    cases += r.tests.reduce((n, t) => n + t.cases.filter((c) => !c.skipped).length, 0);
    if (!suitePassed(r)) failed.push(...failures(r));
  }
  return { suites, tests, cases, failed };
}

describe.skipIf(!existsSync(LIBRARY))("gatekeeper-library suites", () => {
  for (const engine of ["auto", "rego"] as const) {
    it(`all pass with engine ${engine} (Rego driver only)`, { timeout: 120_000 }, async () => {
      const r = await runAll(engine);
      expect(r.failed).toEqual([]);
      expect({ suites: r.suites, tests: r.tests, cases: r.cases }).toEqual({
        suites: 49,
        tests: 75,
        cases: 270,
      });
    });
  }
  it("all pass with engine auto and the CEL driver (CEL wins where templates have it)", {
    timeout: 120_000,
  }, async () => {
    const r = await runAll("auto", [regoDriver, celDriver]);
    expect(r.failed).toEqual([]);
    expect(r.cases).toBe(270);
  });
});
