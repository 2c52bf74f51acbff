/**
 * G2 (HTTPS end to end): `portcullis serve` with every gatekeeper-library template and its sample
 * constraints, against a bare `node:https` server (JSON.parse and a canned AdmissionReview, same
 * certificate), each in its own process, loaded in turns from this process over loopback
 * keep-alive connections (node:https agents, no pipelining, fixed request counts, bounded time).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { Agent, request } from "node:https";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { ensureCertificates } from "../packages/portcullis/src/certs/cert-dir.js";
import { makePodReview } from "./fixtures.js";
import { type Pinning, pinLoadDriver, unpinLoadDriver } from "./pinning.js";

const CONNECTIONS = 50;
const THROUGHPUT_REQUESTS = 4000;
const LATENCY_SECONDS = 3;
const ROUNDS = 3;
const ROUND_LIMIT_MS = 20000;
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
const server = https.createServer(
  { cert: fs.readFileSync(process.argv[1]), key: fs.readFileSync(process.argv[2]), minVersion: "TLSv1.3", keepAliveTimeout: 30000 },
  (req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const doc = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const body = JSON.stringify({ apiVersion: doc.apiVersion, kind: "AdmissionReview",
        response: { uid: doc.request.uid, allowed: true, status: { metadata: {}, code: 200 } } });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
server.listen(0, "127.0.0.1", () => console.log("listening on https://127.0.0.1:" + server.address().port + "/v1/admit"));
`;

function startChild(
  args: string[],
  cwd: string,
  pinning: Pinning,
): Promise<{ child: ChildProcess; port: number }> {
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
      resolve({ child, port: Number(m[1]) });
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith(".yaml")) out.push(path);
  }
  return out;
}

/** The library's sample Pods, each with a 5 KB review's managedFields, wrapped as CREATE reviews. */
export function podReviews(library: string): Buffer[] {
  const out: Buffer[] = [];
  let seed = 0;
  for (const file of walk(library)) {
    if (!file.includes("/samples/") || !/example_[^/]*\.yaml$/.test(file)) continue;
    for (const d of parseAllDocuments(readFileSync(file, "utf8"))) {
      const obj: unknown = d.toJS();
      if (typeof obj !== "object" || obj === null || Array.isArray(obj)) continue;
      const pod = obj as Record<string, unknown>;
      if (pod.kind !== "Pod" || pod.apiVersion !== "v1") continue;
      const base = makePodReview(seed++);
      const baseMeta = (base.request.object as { metadata: Record<string, unknown> }).metadata;
      const meta: Record<string, unknown> = {
        namespace: "default",
        ...(pod.metadata as Record<string, unknown>),
      };
      const object = { ...pod, metadata: { ...meta, managedFields: baseMeta.managedFields } };
      out.push(
        Buffer.from(
          JSON.stringify({
            ...base,
            request: {
              ...base.request,
              uid: `uid-${seed}`,
              name: meta.name,
              namespace: meta.namespace,
              object,
            },
          }),
        ),
      );
    }
  }
  return out;
}

interface Sample {
  readonly latencies: number[];
  readonly elapsedMs: number;
  readonly completed: number;
  readonly errors: number;
}

function send(agent: Agent, port: number, ca: string, body: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/v1/admit",
        method: "POST",
        agent,
        ca,
        servername: "localhost",
        headers: { "content-type": "application/json", "content-length": body.length },
      },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve(res.statusCode === 200));
      },
    );
    req.on("error", () => resolve(false));
    req.end(body);
  });
}

/** Closed loop: `CONNECTIONS` requests in flight until `count` complete (or the time bound). */
async function closedLoop(port: number, ca: string, bodies: Buffer[], count: number): Promise<Sample> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < count && performance.now() - started < ROUND_LIMIT_MS) {
      const body = bodies[next++ % bodies.length] ?? Buffer.alloc(0);
      const t0 = performance.now();
      if (!(await send(agent, port, ca, body))) errors++;
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { latencies, elapsedMs, completed: latencies.length, errors };
}

/** Open loop at `rate` requests/s for LATENCY_SECONDS; latency counts from the scheduled send time. */
async function openLoop(port: number, ca: string, bodies: Buffer[], rate: number): Promise<Sample> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const total = Math.max(1, Math.round(rate * LATENCY_SECONDS));
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (performance.now() - started > ROUND_LIMIT_MS) break;
    const body = bodies[i % bodies.length] ?? Buffer.alloc(0);
    pending.push(
      send(agent, port, ca, body).then((ok) => {
        if (!ok) errors++;
        latencies.push(performance.now() - due);
      }),
    );
  }
  await Promise.all(pending);
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { latencies, elapsedMs, completed: latencies.length, errors };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

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

/** G2 over HTTPS: throughput ratio and p99 at half the bare server's maximum rate. */
export async function benchWebhook(repoRoot: string): Promise<WebhookComparison[]> {
  const library = join(repoRoot, "../shared/conformance/gatekeeper-library/library");
  const work = mkdtempSync(join(tmpdir(), "portcullis-bench-webhook-"));
  const certDir = join(work, "certs");
  const certs = ensureCertificates(certDir);
  const ca = certs.ca ?? "";
  const bodies = podReviews(library);
  const pinning = pinLoadDriver();
  const bare = await startChild(
    ["-e", BARE_SERVER, join(certDir, "tls.crt"), join(certDir, "tls.key")],
    repoRoot,
    pinning,
  );
  const webhook = await startChild(
    [
      ...NODE_FLAGS,
      join(repoRoot, "packages/portcullis/bin/portcullis.mjs"),
      "serve",
      "--policies",
      library,
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
      ...EXTRA_FLAGS,
    ],
    repoRoot,
    pinning,
  );
  try {
    const mix = await outcomes(webhook.port, ca, bodies);
    for (let i = 0; i < 2; i++) {
      await closedLoop(bare.port, ca, bodies, 1000);
      await closedLoop(webhook.port, ca, bodies, 1000);
    }
    const bareRates: number[] = [];
    const hookRates: number[] = [];
    const ratios: number[] = [];
    let errors = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const a = await closedLoop(bare.port, ca, bodies, THROUGHPUT_REQUESTS);
      const b = await closedLoop(webhook.port, ca, bodies, THROUGHPUT_REQUESTS);
      errors += a.errors + b.errors;
      const ra = (a.completed * 1000) / a.elapsedMs;
      const rb = (b.completed * 1000) / b.elapsedMs;
      bareRates.push(ra);
      hookRates.push(rb);
      ratios.push(rb / ra);
    }
    const bareMax = percentile(bareRates, 0.5);
    const rate = bareMax / 2;
    const p99Ratios: number[] = [];
    const bareP99: number[] = [];
    const hookP99: number[] = [];
    const hookP50: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const a = await openLoop(bare.port, ca, bodies, rate);
      const b = await openLoop(webhook.port, ca, bodies, rate);
      errors += a.errors + b.errors;
      const pa = percentile(a.latencies, 0.99);
      const pb = percentile(b.latencies, 0.99);
      bareP99.push(pa);
      hookP99.push(pb);
      hookP50.push(percentile(b.latencies, 0.5));
      p99Ratios.push(pb / pa);
    }
    const load = round2(loadavg()[0] ?? 0);
    const throughput = percentile(ratios, 0.5);
    const p99Ratio = percentile(p99Ratios, 0.5);
    const hookP99Median = percentile(hookP99, 0.5);
    const given = [...NODE_FLAGS, ...EXTRA_FLAGS];
    const flags = given.length > 0 ? `; flags ${given.join(" ")}` : "";
    const pin = pinning.pinned ? "servers on CPU 0, load driver on CPU 1" : "not pinned";
    const note = `engine ${ENGINE}${flags}; ${pin}; ${bodies.length} Pod reviews (${mix.allowed} allowed, ${mix.denied} denied, ${mix.errored} errored); ${errors} transport errors; ${CONNECTIONS} keep-alive connections`;
    return [
      {
        goal: "G2 webhook HTTPS throughput / bare node:https",
        ratio: round2(throughput),
        spread: [round2(Math.min(...ratios)), round2(Math.max(...ratios))],
        target: 0.4,
        pass: throughput >= 0.4,
        candidate: { requests_per_s: Math.round(percentile(hookRates, 0.5)) },
        baseline: { requests_per_s: Math.round(bareMax) },
        loadavg: load,
        note,
      },
      {
        goal: "G2 webhook HTTPS p99 at half the bare max rate / bare p99",
        ratio: round2(p99Ratio),
        spread: [round2(Math.min(...p99Ratios)), round2(Math.max(...p99Ratios))],
        target: 2,
        pass: p99Ratio <= 2 && hookP99Median <= 25,
        candidate: {
          rate_per_s: Math.round(rate),
          p50_ms: round2(percentile(hookP50, 0.5)),
          p99_ms: round2(hookP99Median),
        },
        baseline: { rate_per_s: Math.round(rate), p99_ms: round2(percentile(bareP99, 0.5)) },
        loadavg: load,
        note: "p99 must also be ≤ 25 ms absolute",
      },
    ];
  } finally {
    await stop(bare.child);
    await stop(webhook.child);
    unpinLoadDriver(pinning);
    rmSync(work, { recursive: true, force: true });
  }
}
