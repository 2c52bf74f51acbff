import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, resolve } from "node:path";
import { parseYamlObjects } from "@portcullis/constraint";
import { countVerify, formatVerify } from "../packages/portcullis/src/gator/format-verify.js";
import { readSuite, verifySuites } from "../packages/portcullis/src/gator/run-verify.js";
import { listSuiteFiles } from "../packages/portcullis/src/gator/suite-files.js";
import { libraryDir } from "./audit.js";
import { builtBin } from "./built-bin.js";

/** gator v3.15 `verify` over the same library on the project machines (performance.md G5 anchor). */
const GATOR_WALL_S = 4.4;
const GATOR_CPU_S = 5.4;

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function timed(run: () => unknown): Sample {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  run();
  return { wallMs: performance.now() - t0, cpuMs: cpuMs(process.cpuUsage(cpu0)) };
}

async function timedAsync(run: () => Promise<unknown>): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  return { wallMs: performance.now() - t0, cpuMs: cpuMs(process.cpuUsage(cpu0)) };
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Every file the library's suites name (the suites themselves, templates, constraints, objects, inventory). */
function referencedFiles(library: string): string[] {
  const files = new Set<string>();
  for (const f of listSuiteFiles(`${library}/...`, library)) {
    const suite = readSuite(f, (p) => readFileSync(p, "utf8"));
    if (suite === undefined) continue;
    files.add(f.absolute);
    const dir = dirname(f.absolute);
    for (const t of suite.tests) {
      for (const p of [t.template, t.constraint]) if (p !== "") files.add(resolve(dir, p));
      for (const c of t.cases) {
        if (c.object !== "") files.add(resolve(dir, c.object));
        for (const inv of c.inventory) files.add(resolve(dir, inv));
      }
    }
  }
  return [...files].sort();
}

/** The floor: read and YAML-parse every file the suites use, and nothing else. */
function readAndParse(files: readonly string[]): number {
  let n = 0;
  for (const f of files) n += parseYamlObjects(readFileSync(f, "utf8"), f).length;
  return n;
}

/** What the CLI does in-process: list, read, run and format every suite. */
async function verifyLibrary(library: string): Promise<number> {
  const run = await verifySuites(listSuiteFiles(`${library}/...`, library), {
    engine: "auto",
    read: (p) => readFileSync(p, "utf8"),
  });
  const report = formatVerify(run.suites, false);
  const n = countVerify(run.suites);
  if (n.failedSuites > 0 || n.cases !== 270) throw new Error(`verify did not pass: ${report}`);
  return report.length;
}

/** Runs a command once under /usr/bin/time (when present) and returns wall and CPU seconds. */
function spawnTimed(
  argv: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): { wall_s: number; cpu_s: number | null; exit: number | null } {
  const haveTime = existsSync("/usr/bin/time");
  const cmd = haveTime ? "/usr/bin/time" : (argv[0] ?? "node");
  const args = haveTime ? ["-f", "%e %U %S", ...argv] : argv.slice(1);
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wall = (performance.now() - t0) / 1000;
  if (!haveTime) return { wall_s: round(wall), cpu_s: null, exit: r.status };
  const last = r.stderr.trim().split("\n").pop() ?? "";
  const [, user, sys] = last.split(" ").map(Number);
  const cpu = user !== undefined && sys !== undefined ? user + sys : Number.NaN;
  return { wall_s: round(wall), cpu_s: Number.isFinite(cpu) ? round(cpu) : null, exit: r.status };
}

/**
 * G5: `verify` over gatekeeper-library. In-process (the CLI's work without process start) against
 * the floor of reading and parsing the same files, interleaved for `rounds` rounds, the first one
 * cold; then the CLI end to end: three times as the installed `portcullis` bin (the bundled build,
 * what `npx portcullis` resolves to; npx adds npm's own start-up of about half a second), once
 * from the TypeScript sources through tsx.
 */
export async function benchVerify(repoRoot: string): Promise<unknown[]> {
  const library = libraryDir(repoRoot);
  if (!existsSync(library)) return [{ goal: "G5 verify", skipped: `no library at ${library}` }];
  const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
  const load = loadavg()[0] ?? 0;
  const files = referencedFiles(library);
  const verify: Sample[] = [];
  const floor: Sample[] = [];
  for (let r = 0; r < rounds; r++) {
    // Verify goes first in round 0 so that its cold run is not warmed by the floor's YAML parsing.
    if (r % 2 === 0) {
      verify.push(await timedAsync(() => verifyLibrary(library)));
      floor.push(timed(() => readAndParse(files)));
    } else {
      floor.push(timed(() => readAndParse(files)));
      verify.push(await timedAsync(() => verifyLibrary(library)));
    }
  }
  const ratios = verify.map((v, i) => v.wallMs / (floor[i]?.wallMs ?? Number.NaN));
  const warmRatios = ratios.slice(1);
  const cold = verify[0] ?? { wallMs: Number.NaN, cpuMs: Number.NaN };
  const ratio = median(warmRatios);
  const inProcess = {
    goal: "G5 verify gatekeeper-library in-process / read+parse of the same files",
    files: files.length,
    rounds,
    ratio: round(ratio),
    spread: [round(Math.min(...warmRatios)), round(Math.max(...warmRatios))],
    cold_ratio: round(ratios[0] ?? Number.NaN),
    verify_cold_ms: Math.round(cold.wallMs),
    verify_cold_cpu_ms: Math.round(cold.cpuMs),
    verify_warm_p50_ms: Math.round(median(verify.slice(1).map((s) => s.wallMs))),
    floor_cold_ms: Math.round(floor[0]?.wallMs ?? Number.NaN),
    floor_warm_p50_ms: Math.round(median(floor.slice(1).map((s) => s.wallMs))),
    per_case_cold_ms: round(cold.wallMs / 270),
    target: 4,
    pass: ratio <= 4,
    vs_gator_wall: round(cold.wallMs / 1000 / GATOR_WALL_S),
    loadavg: round(load),
  };
  const argvTail = ["verify", `${library}/...`];
  const out: unknown[] = [inProcess];
  const bin = builtBin(repoRoot);
  const e2eRuns = [0, 1, 2].map(() => spawnTimed([process.execPath, bin, ...argvTail], repoRoot));
  const e2eWall = median(e2eRuns.map((r) => r.wall_s));
  out.push({
    goal: "G5 portcullis verify end to end (the installed bin, bundled CLI; without npx's own start-up), cold process, median of 3",
    wall_s: e2eWall,
    cpu_s: median(e2eRuns.map((r) => r.cpu_s ?? Number.NaN)),
    runs_wall_s: e2eRuns.map((r) => r.wall_s),
    exit: e2eRuns.map((r) => r.exit),
    gator_wall_s: GATOR_WALL_S,
    gator_cpu_s: GATOR_CPU_S,
    target_wall_s: GATOR_WALL_S / 2,
    pass: e2eRuns.every((r) => r.exit === 0) && e2eWall < GATOR_WALL_S / 2,
    loadavg: round(loadavg()[0] ?? 0),
  });
  const viaTsx = spawnTimed([process.execPath, bin, ...argvTail], repoRoot, {
    ...process.env,
    PORTCULLIS_FROM_SOURCE: "1",
  });
  out.push({
    goal: "G5 portcullis verify end to end from the TypeScript sources (PORTCULLIS_FROM_SOURCE=1, tsx), cold process",
    ...viaTsx,
    loadavg: round(loadavg()[0] ?? 0),
  });
  return out;
}
