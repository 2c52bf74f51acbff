/**
 * G2 (HTTPS end to end): `portcullis serve` with every gatekeeper-library template and its sample
 * constraints, against a bare `node:https` server (JSON.parse and a canned AdmissionReview, same
 * certificate), each in its own process, loaded in turns from this process over loopback:
 * throughput by autocannon (50 keep-alive connections, no pipelining, 20 s runs: the protocol's G2
 * method), latency at half the bare server's maximum rate by a steady open-loop load
 * (bench/paced-load.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, request } from "node:https";
import { loadavg } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { libraryDir } from "./audit.js";
import { loadSetup } from "./load-setup.js";
import { type PacedTarget, pacedRun } from "./paced-load.js";
import type { Pinning } from "./pinning.js";
import type { Comparison } from "./protocol.js";
import { processCpu } from "./thread-cpu.js";
import { benchReviewInProcess } from "./webhook-review.js";

const CONNECTIONS = 50;
/** Seconds of each throughput run (`BENCH_WEBHOOK_SECONDS`; the protocol's 20 by default). */
const THROUGHPUT_SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 20);
/** Seconds of each steady-rate latency run. */
const LATENCY_SECONDS = Math.max(2, Math.round(THROUGHPUT_SECONDS / 2));
/** Seconds of each server's warm-up load before the rounds (the protocol's ≥ 5 s). */
const WARM_UP_SECONDS = 5;
const ROUNDS = 3;
/** Template engine of the server under test (`BENCH_WEBHOOK_ENGINE`, default auto: CEL where a template has it). */
const ENGINE = process.env.BENCH_WEBHOOK_ENGINE ?? "auto";
/** Extra `portcullis serve` flags (`BENCH_WEBHOOK_FLAGS`, split on spaces), to compare settings. */
const EXTRA_FLAGS = flagsFrom("BENCH_WEBHOOK_FLAGS");
/** Node flags for the server under test only (`BENCH_WEBHOOK_NODE_FLAGS`), to compare V8 settings. */
const NODE_FLAGS = flagsFrom("BENCH_WEBHOOK_NODE_FLAGS");

function flagsFrom(variable: string): string[] {
  return (process.env[variable] ?? "").split(" ").filter((f) => f !== "");
}

/** One goal's result line. */
export interface WebhookComparison {
  goal: string;
  ratio: number;
  spread: [number, number];
  target: number;
  pass: boolean;
  candidate: Record<string, number>;
  baseline: Record<string, number>;
  loadavg: number;
  note?: string;
}

const BARE_SERVER = `
const https = require("node:https");
const fs = require("node:fs");
const padding = Number(process.argv[3] || 0);
const server = https.createServer(
  { cert: fs.readFileSync(process.argv[1]), key: fs.readFileSync(process.argv[2]), minVersion: "TLSv1.3", keepAliveTimeout: 30000 },
  (req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const doc = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const response = { uid: doc.request.uid, allowed: true, status: { metadata: {}, code: 200 } };
      if (padding > 0) response.status.message = "x".repeat(padding);
      const body = JSON.stringify({ apiVersion: doc.apiVersion, kind: "AdmissionReview", response });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
server.listen(0, "127.0.0.1", () => console.log("listening on https://127.0.0.1:" + server.address().port + "/v1/admit"));
`;

/**
 * Starts the bench's bare `node:https` server (JSON.parse and a canned AdmissionReview reply) with
 * the certificates in `certDir`, on CPU 0 when pinned; `replyPadding` characters added to the
 * reply's status message weigh a longer reply.
 */
export function startBare(
  repoRoot: string,
  certDir: string,
  pinning: Pinning,
  replyPadding = 0,
): Promise<Server> {
  const args = ["-e", BARE_SERVER, join(certDir, "tls.crt"), join(certDir, "tls.key")];
  return startChild(replyPadding > 0 ? [...args, String(replyPadding)] : args, repoRoot, pinning);
}

/** A server process started by {@link startChild}. */
export interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  readonly pid: number;
}

function startChild(args: string[], cwd: string, pinning: Pinning): Promise<Server> {
  const { file, args: argv } = pinning.command(args);
  const child = spawn(file, argv, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start: ${out}${err}`));
    }, 60000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}${err}`));
    });
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on https:\/\/127\.0\.0\.1:(\d+)\/v1\/admit/.exec(out);
      if (m === null) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolve({ child, port: Number(m[1]), pid: child.pid ?? 0 });
    });
  });
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export interface Sample {
  /** Completed requests per second over the run. */
  readonly rate: number;
  /** The server's CPU time per completed request (ms). */
  readonly cpuPerRequest: number;
  /** The server's CPU time over the run's wall time: near 1 when the server is the limit. */
  readonly serverBusy: number;
  /** This process's (the load driver's) CPU time over the run's wall time. */
  readonly driverBusy: number;
  readonly p50: number;
  readonly p99: number;
  /** Connection errors, timeouts and non-2xx replies. */
  readonly errors: number;
}

/**
 * One closed-loop autocannon run of `seconds` over `CONNECTIONS` keep-alive connections (no
 * pipelining), each connection cycling through the reviews.
 */
export async function loadRun(
  server: Server,
  ca: string,
  bodies: Buffer[],
  seconds: number,
): Promise<Sample> {
  const { port, pid } = server;
  const cpu0 = processCpu(pid);
  const driver0 = process.cpuUsage();
  const wall0 = performance.now();
  const result = await autocannon({
    url: `https://127.0.0.1:${port}/v1/admit`,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    servername: "localhost",
    tlsOptions: { ca },
    requests: bodies.map((body) => ({
      method: "POST",
      path: "/v1/admit",
      headers: { "content-type": "application/json" },
      body,
    })),
  });
  const wall = performance.now() - wall0;
  const driver = process.cpuUsage(driver0);
  const serverCpu = processCpu(pid) - cpu0;
  return {
    rate: result.requests.total / result.duration,
    cpuPerRequest: serverCpu / Math.max(1, result.requests.total),
    serverBusy: serverCpu / wall,
    driverBusy: (driver.user + driver.system) / 1000 / wall,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/**
 * Waits until `server` is idle (under 5% of a core over a quarter of a second, at most 15 s): a
 * server left behind by a steady-rate run still works off its queue, on the core the next run's
 * server needs.
 */
async function idle(server: Server): Promise<void> {
  const until = performance.now() + 15000;
  let before = processCpu(server.pid);
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = processCpu(server.pid);
    if (now - before < 12.5) return;
    before = now;
  }
}

/** The share of the webhook's own maximum rate at which the tracking latency is measured. */
const TRACKING_SHARE = 0.7;

/** Both servers' latencies at one steady rate, over the rounds. */
interface LatencyRuns {
  readonly rate: number;
  readonly bareP50: number[];
  readonly bareP99: number[];
  readonly hookP50: number[];
  readonly hookP99: number[];
  readonly hookAchieved: number[];
  readonly ratios: number[];
  failed: number;
  unanswered: number;
  bareFailed: number;
  bareUnanswered: number;
}

/**
 * Open-loop load at `rate` on each server in turns (bare, webhook) for {@link ROUNDS} rounds,
 * after a warm-up at that rate; waits for the webhook to go idle after each of its runs.
 */
async function latencyAt(
  bare: PacedTarget,
  hook: PacedTarget,
  webhook: Server,
  rate: number,
): Promise<LatencyRuns> {
  const runs: LatencyRuns = {
    rate,
    bareP50: [],
    bareP99: [],
    hookP50: [],
    hookP99: [],
    hookAchieved: [],
    ratios: [],
    failed: 0,
    unanswered: 0,
    bareFailed: 0,
    bareUnanswered: 0,
  };
  // A server's first seconds at a steady rate after other load are not its steady state.
  await pacedRun(bare, WARM_UP_SECONDS, rate);
  await pacedRun(hook, WARM_UP_SECONDS, rate);
  await idle(webhook);
  for (let r = 0; r < ROUNDS; r++) {
    const a = await pacedRun(bare, LATENCY_SECONDS, rate);
    const b = await pacedRun(hook, LATENCY_SECONDS, rate);
    await idle(webhook);
    runs.failed += b.failed;
    runs.unanswered += b.unanswered;
    runs.bareFailed += a.failed;
    runs.bareUnanswered += a.unanswered;
    runs.bareP99.push(a.p99);
    runs.bareP50.push(a.p50);
    runs.hookP99.push(b.p99);
    runs.hookP50.push(b.p50);
    runs.hookAchieved.push(b.achieved);
    runs.ratios.push(b.p99 / a.p99);
  }
  return runs;
}

/** A latency result: p99 ratio ≤ 2, webhook p99 ≤ 25 ms, and the rate sustained. */
function latencyResult(goal: string, runs: LatencyRuns, load: number, note: string): WebhookComparison {
  const ratio = percentile(runs.ratios, 0.5);
  const hookP99 = percentile(runs.hookP99, 0.5);
  // Below the asked rate the webhook is saturated, and its p99 says how long its queue grew.
  const sustained = percentile(runs.hookAchieved, 0.5) >= 0.95 * runs.rate;
  return {
    goal,
    ratio: round2(ratio),
    spread: [round2(Math.min(...runs.ratios)), round2(Math.max(...runs.ratios))],
    target: 2,
    pass: sustained && ratio <= 2 && hookP99 <= 25,
    candidate: {
      rate_per_s: Math.round(runs.rate),
      achieved_per_s: Math.round(percentile(runs.hookAchieved, 0.5)),
      p50_ms: round2(percentile(runs.hookP50, 0.5)),
      p99_ms: round2(hookP99),
      unanswered: runs.unanswered,
      non_2xx: runs.failed,
    },
    baseline: {
      rate_per_s: Math.round(runs.rate),
      unanswered: runs.bareUnanswered,
      non_2xx: runs.bareFailed,
      p50_ms: round2(percentile(runs.bareP50, 0.5)),
      p99_ms: round2(percentile(runs.bareP99, 0.5)),
    },
    loadavg: load,
    note: `${sustained ? "" : "not sustainable: the webhook answered fewer requests than asked; "}${note}`,
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function median(runs: readonly Sample[], of: (s: Sample) => number): number {
  return percentile(runs.map(of), 0.5);
}

/** Medians of a server's throughput runs: rate, its CPU per request, and how busy it and the driver were. */
function serverFigures(runs: readonly Sample[]): Record<string, number> {
  return {
    requests_per_s: Math.round(median(runs, (s) => s.rate)),
    cpu_ms_per_request: Math.round(median(runs, (s) => s.cpuPerRequest) * 1000) / 1000,
    server_busy: round2(median(runs, (s) => s.serverBusy)),
    driver_busy: round2(median(runs, (s) => s.driverBusy)),
  };
}

/** A sanity pass: each distinct review once through the webhook; counts allowed, denied and errors. */
async function outcomes(port: number, ca: string, bodies: Buffer[]): Promise<Record<string, number>> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const counts: Record<string, number> = { allowed: 0, denied: 0, errored: 0 };
  for (const body of bodies) {
    const text = await new Promise<string>((resolve) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/v1/admit",
          method: "POST",
          agent,
          ca,
          servername: "localhost",
          headers: { "content-type": "application/json" },
        },
        (res) => {
          let t = "";
          res.on("data", (d: Buffer) => {
            t += d.toString();
          });
          res.on("end", () => resolve(t));
        },
      );
      req.on("error", (e) => resolve(String(e)));
      req.end(body);
    });
    const code = /"code":(\d+)/.exec(text)?.[1];
    if (code === "403") counts.denied = (counts.denied ?? 0) + 1;
    else if (code === "200" || code === "299") counts.allowed = (counts.allowed ?? 0) + 1;
    else counts.errored = (counts.errored ?? 0) + 1;
  }
  agent.destroy();
  return counts;
}

/**
 * Starts `portcullis serve` on the whole library with the bench's certificates, on CPU 0 when
 * pinned; `nodeFlags` go to node, `flags` to serve.
 */
export function startWebhook(
  repoRoot: string,
  certDir: string,
  pinning: Pinning,
  nodeFlags: readonly string[],
  flags: readonly string[],
): Promise<Server> {
  return startChild(
    [
      ...nodeFlags,
      join(repoRoot, "packages/portcullis/bin/portcullis.mjs"),
      "serve",
      "--policies",
      libraryDir(repoRoot),
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      "--health-port",
      "0",
      "--metrics-port",
      "0",
      "--cert-dir",
      certDir,
      "--no-watch",
      "--log-level",
      "error",
      "--engine",
      ENGINE,
      ...flags,
    ],
    repoRoot,
    pinning,
  );
}

/** G2 over HTTPS: throughput ratio and p99 at half the bare server's maximum rate. */
export async function benchWebhook(repoRoot: string): Promise<(WebhookComparison | Comparison)[]> {
  const { certDir, ca, bodies, pinning, close } = loadSetup("bench-webhook", repoRoot);
  // In process first, on this process's one core, before the servers share the host.
  const inProcess = await benchReviewInProcess(repoRoot, bodies, ENGINE);
  const bare = await startBare(repoRoot, certDir, pinning);
  const webhook = await startWebhook(repoRoot, certDir, pinning, NODE_FLAGS, EXTRA_FLAGS);
  try {
    const mix = await outcomes(webhook.port, ca, bodies);
    await loadRun(bare, ca, bodies, WARM_UP_SECONDS);
    await loadRun(webhook, ca, bodies, WARM_UP_SECONDS);
    const bareRuns: Sample[] = [];
    const hookRuns: Sample[] = [];
    const ratios: number[] = [];
    let errors = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const a = await loadRun(bare, ca, bodies, THROUGHPUT_SECONDS);
      const b = await loadRun(webhook, ca, bodies, THROUGHPUT_SECONDS);
      errors += a.errors + b.errors;
      bareRuns.push(a);
      hookRuns.push(b);
      ratios.push(b.rate / a.rate);
    }
    const bareMax = median(bareRuns, (s) => s.rate);
    const rate = bareMax / 2;
    const target = (server: Server): PacedTarget => ({
      port: server.port,
      ca,
      bodies,
      connections: CONNECTIONS,
    });
    const half = await latencyAt(target(bare), target(webhook), webhook, rate);
    // Where the webhook keeps up: its tail when it is not saturated, to follow between sessions.
    const ownRate = TRACKING_SHARE * median(hookRuns, (s) => s.rate);
    const own = await latencyAt(target(bare), target(webhook), webhook, ownRate);
    const load = round2(loadavg()[0] ?? 0);
    const throughput = percentile(ratios, 0.5);
    const given = [...NODE_FLAGS, ...EXTRA_FLAGS];
    const flags = given.length > 0 ? `; flags ${given.join(" ")}` : "";
    const pin = pinning.pinned ? "servers on CPU 0, load driver on CPU 1" : "not pinned";
    const note = `engine ${ENGINE}${flags}; ${pin}; ${bodies.length} Pod reviews (${mix.allowed} allowed, ${mix.denied} denied, ${mix.errored} errored); ${errors} transport errors; ${CONNECTIONS} keep-alive connections`;
    const paced =
      "open-loop load at a steady rate, latency from each request's due time (bench/paced-load.ts)";
    return [
      ...inProcess,
      {
        goal: "G2 webhook HTTPS throughput / bare node:https",
        ratio: round2(throughput),
        spread: [round2(Math.min(...ratios)), round2(Math.max(...ratios))],
        target: 0.4,
        pass: throughput >= 0.4,
        candidate: serverFigures(hookRuns),
        baseline: serverFigures(bareRuns),
        loadavg: load,
        note,
      },
      latencyResult(
        "G2 webhook HTTPS p99 at half the bare max rate / bare p99",
        half,
        load,
        `${paced}; p99 must also be ≤ 25 ms absolute`,
      ),
      latencyResult(
        `G2 tracking (not a goal of performance.md): webhook HTTPS p99 at ${TRACKING_SHARE * 100}% of its own max rate / bare p99 at that rate`,
        own,
        load,
        `${paced}; where the webhook keeps up, so that its tail can be followed before the goal's rate is sustainable`,
      ),
    ];
  } finally {
    await stop(bare.child);
    await stop(webhook.child);
    close();
  }
}
