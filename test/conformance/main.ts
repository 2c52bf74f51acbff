import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { celGeneratedPrograms, celGenerationFailures } from "@portcullis/constraint";
import {
  codegenThreshold,
  generatedVariants,
  generationFailures,
  setCodegenThreshold,
} from "@portcullis/rego";
import { runGatekeeperRegoTests } from "./gatekeeper-rego-tests.js";
import { runGatekeeperSuitesAsync } from "./gatekeeper-suites.js";
import { findCaseFiles, readCases } from "./opa-cases.js";
import { runCase } from "./opa-run-case.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");

interface Outcome {
  file: string;
  note: string;
  status: "pass" | "fail" | "xfail";
  message: string;
}

/**
 * `npm run conformance -- opa [DIR] [--json FILE] [--filter TEXT] [--write-known-failures]`:
 * runs OPA's YAML cases and compares with the known-failures list (a listed case that passes, or
 * an unlisted failure, fails the run). With no suite named, every suite runs, and the Rego ones
 * and the library's CEL suites run a second time with every Rego body and every CEL program as
 * generated JavaScript (`--generated` does that for one); OPA's cases run a third time traced,
 * every body through the traced interpreter (`--traced` does that for `opa` or `cases`).
 */
async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  if (first === undefined || first.startsWith("-")) {
    const codes = [
      runSuite(["cases", ...argv]),
      await gatekeeperSuites(),
      await gatekeeperRegoTests(),
      runSuite(["opa", ...argv]),
      await generated(async () => [
        await gatekeeperSuites(undefined, ["cel"], GENERATED),
        await gatekeeperRegoTests(undefined, GENERATED),
        runSuite(["opa", ...argv], GENERATED),
      ]),
      runSuite(["opa", ...argv], TRACED, { traced: true }),
    ].flat();
    return Math.max(...codes);
  }
  const traced = argv.includes("--traced");
  const rest = argv.filter((a) => a !== "--generated" && a !== "--traced");
  const label = argv.includes("--generated") ? GENERATED : "";
  const run = async (): Promise<number> => {
    if (first === "gatekeeper") return gatekeeperSuites(rest[1], undefined, label);
    if (first === "gatekeeper-rego") return gatekeeperRegoTests(rest[1], label);
    return traced ? runSuite(rest, TRACED, { traced }) : runSuite(rest, label);
  };
  return label === "" ? run() : Math.max(...(await generated(run)));
}

const GENERATED = " (generated code)";
const TRACED = " (traced)";

/**
 * Runs `f` with every Rego body and CEL program generated as JavaScript on its first run; a body
 * or program the generator failed on (it would have run interpreted) fails the run.
 */
async function generated(f: () => Promise<number | number[]>): Promise<number[]> {
  const saved = codegenThreshold();
  const variants = generatedVariants();
  const programs = celGeneratedPrograms();
  const failures = generationFailures() + celGenerationFailures();
  setCodegenThreshold(0);
  try {
    const codes = [await f()].flat();
    const failed = generationFailures() + celGenerationFailures() - failures;
    const made = `${generatedVariants() - variants} Rego body variants, ${celGeneratedPrograms() - programs} CEL programs`;
    process.stdout.write(`generated code: ${made}, ${failed} generation failures\n`);
    return failed > 0 ? [...codes, 1] : codes;
  } finally {
    setCodegenThreshold(saved);
  }
}

/** The gatekeeper-library suites (gator verify) with each engine choice. */
async function gatekeeperSuites(
  dir = resolve(repoRoot, "../shared/conformance/gatekeeper-library/library"),
  engines: readonly ("auto" | "rego" | "cel")[] = ["auto", "rego", "cel"],
  label = "",
): Promise<number> {
  let code = 0;
  for (const engine of engines) {
    const r = await runGatekeeperSuitesAsync(dir, engine);
    for (const line of r.lines.slice(1)) process.stdout.write(`${line}\n`);
    process.stdout.write(
      `gatekeeper-library suites (--engine ${engine})${label}: ${r.passed} passed, ${r.failed} failed\n`,
    );
    if (r.failed > 0) code = 1;
  }
  return code;
}

/** The gatekeeper-library's Rego unit tests (as `opa test` counts them). */
async function gatekeeperRegoTests(
  dir = resolve(repoRoot, "../shared/conformance/gatekeeper-library/src"),
  label = "",
): Promise<number> {
  const r = await runGatekeeperRegoTests(dir);
  for (const line of r.lines) process.stdout.write(`${line}\n`);
  process.stdout.write(`gatekeeper-library rego tests${label}: ${r.passed} passed, ${r.failed} failed\n`);
  return r.failed > 0 || r.passed === 0 ? 1 : 0;
}

function runSuite(argv: string[], label = "", options: { traced?: boolean } = {}): number {
  const args = [...argv];
  const suite = args.shift() as string;
  if (suite !== "opa" && suite !== "cases") {
    process.stderr.write(`unknown suite ${suite} (known: opa, cases)\n`);
    return 2;
  }
  let dir =
    suite === "cases" ? resolve(repoRoot, "test/cases") : resolve(repoRoot, "../shared/conformance/opa");
  let jsonOut: string | undefined;
  let filter: string | undefined;
  let writeKnown = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--json") jsonOut = args[++i];
    else if (a === "--filter") filter = args[++i];
    else if (a === "--write-known-failures") writeKnown = true;
    else if (!a.startsWith("-")) dir = resolve(a);
    else {
      process.stderr.write(`unknown option ${a}\n`);
      return 2;
    }
  }
  if (!existsSync(dir)) {
    process.stderr.write(`no such directory: ${dir}\n`);
    return 2;
  }
  const KNOWN_FAILURES = join(here, `${suite}-known-failures.json`);
  const known: Record<string, string> = existsSync(KNOWN_FAILURES)
    ? (JSON.parse(readFileSync(KNOWN_FAILURES, "utf8")) as Record<string, string>)
    : {};
  const outcomes: Outcome[] = [];
  const perDir = new Map<string, { pass: number; fail: number; xfail: number }>();
  let unexpected = 0;
  for (const path of findCaseFiles(dir)) {
    let cases: ReturnType<typeof readCases>;
    try {
      cases = readCases(dir, path);
    } catch (e: unknown) {
      process.stderr.write(`${path}: cannot read: ${String(e)}\n`);
      unexpected++;
      continue;
    }
    for (const c of cases) {
      if (filter !== undefined && !`${c.file} ${c.note}`.includes(filter)) continue;
      const id = `${c.file}#${c.note}`;
      const r = runCase(c, options);
      const reason = known[id];
      let status: Outcome["status"];
      if (r.ok) {
        status = "pass";
        if (reason !== undefined && !writeKnown) {
          unexpected++;
          process.stdout.write(`UNEXPECTED PASS ${id} (listed: ${reason})\n`);
        }
      } else if (reason !== undefined || writeKnown) {
        status = "xfail";
      } else {
        status = "fail";
        unexpected++;
        process.stdout.write(`FAIL ${id}\n  ${r.message.split("\n").join("\n  ")}\n`);
      }
      outcomes.push({ file: c.file, note: c.note, status, message: r.message });
      const d = dirname(c.file);
      const counts = perDir.get(d) ?? { pass: 0, fail: 0, xfail: 0 };
      counts[status === "pass" ? "pass" : status === "xfail" ? "xfail" : "fail"]++;
      perDir.set(d, counts);
    }
  }
  for (const [d, c] of [...perDir].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (label !== "" && c.fail === 0) continue;
    process.stdout.write(`${d}: ${c.pass} passed, ${c.fail} failed, ${c.xfail} expected failures\n`);
  }
  if (jsonOut !== undefined) writeFileSync(jsonOut, `${JSON.stringify(outcomes, null, 1)}\n`);
  if (writeKnown) {
    const next: Record<string, string> = {};
    for (const o of outcomes) {
      if (o.status === "pass") continue;
      const id = `${o.file}#${o.note}`;
      next[id] = known[id] ?? firstLine(o.message);
    }
    writeFileSync(KNOWN_FAILURES, `${JSON.stringify(next, null, 1)}\n`);
  }
  const passed = outcomes.filter((o) => o.status === "pass").length;
  const failed = outcomes.length - passed;
  const xfailed = outcomes.filter((o) => o.status === "xfail").length;
  process.stdout.write(
    `expected failures: ${xfailed} (listed in test/conformance/${suite}-known-failures.json); unexpected outcomes: ${unexpected}\n`,
  );
  process.stdout.write(`${suite}${label}: ${passed} passed, ${failed} failed\n`);
  return unexpected > 0 ? 1 : 0;
}

function firstLine(message: string): string {
  return message.split("\n")[0]?.slice(0, 300) ?? "";
}

process.exitCode = await main(process.argv.slice(2));
