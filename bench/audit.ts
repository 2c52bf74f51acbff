import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { type JsonObject, MatchTarget, parseYamlObjects } from "@portcullis/constraint";
import {
  type AuditResult,
  loadPolicySet,
  MemorySource,
  newClient,
  type PolicyDoc,
  runAudit,
  WorkerPool,
} from "../packages/portcullis/src/audit/index.js";
import { ViolationStore } from "../packages/portcullis/src/store/index.js";
import { StoreWriterThread } from "../packages/portcullis/src/store/store-thread.js";
import { builtBin } from "./built-bin.js";
import { cpuBetween, threadCpu } from "./thread-cpu.js";

const KINDS: readonly [string, string, number][] = [
  ["v1", "Pod", 5000],
  ["apps/v1", "Deployment", 1500],
  ["v1", "Service", 1500],
  ["v1", "ConfigMap", 1000],
  ["networking.k8s.io/v1", "Ingress", 500],
  ["v1", "Namespace", 500],
];

function container(i: number, j: number): JsonObject {
  const bad = i % 7 === 0;
  return {
    name: `c${j}`,
    image: bad
      ? `docker.io/library/nginx:latest`
      : `registry.example.com/team/app-${j}@sha256:${"a".repeat(64)}`,
    ports: [{ containerPort: 8080 + j, protocol: "TCP", ...(i % 11 === 0 ? { hostPort: 80 } : {}) }],
    resources:
      i % 5 === 0
        ? {}
        : { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
    securityContext: {
      runAsNonRoot: i % 3 !== 0,
      allowPrivilegeEscalation: i % 13 === 0,
      privileged: i % 17 === 0,
      readOnlyRootFilesystem: i % 2 === 0,
      capabilities: { drop: ["ALL"] },
    },
    ...(i % 4 === 0 ? {} : { livenessProbe: { httpGet: { path: "/healthz", port: 8080 + j } } }),
    readinessProbe: { tcpSocket: { port: 8080 + j } },
  };
}

function podSpec(i: number): JsonObject {
  return {
    containers: [container(i, 0), container(i, 1)],
    serviceAccountName: "app",
    automountServiceAccountToken: i % 6 === 0,
    hostNetwork: i % 19 === 0,
    volumes: [{ name: "cfg", configMap: { name: `cfg-${i}` } }],
  };
}

/** The constraint kind a ConstraintTemplate document defines. */
export function templateKind(doc: Record<string, unknown>): string {
  return String(
    (doc.spec as { crd?: { spec?: { names?: { kind?: unknown } } } } | undefined)?.crd?.spec?.names?.kind,
  );
}

/** The deterministic 10,000-object inventory of the audit bench. */
export function generateObjects(): JsonObject[] {
  const out: JsonObject[] = [];
  for (const [apiVersion, kind, n] of KINDS) {
    for (let i = 0; i < n; i++) {
      const ns = kind === "Namespace" ? undefined : `team-${i % 500}`;
      const metadata: JsonObject = {
        name: `${kind.toLowerCase()}-${i}`,
        ...(ns !== undefined ? { namespace: ns } : {}),
        labels: { app: `app-${i % 40}`, ...(i % 4 === 0 ? {} : { owner: `team-${i % 9}` }) },
        annotations: { "example.com/revision": String(i) },
        uid: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`,
      };
      let obj: JsonObject;
      if (kind === "Pod") obj = { apiVersion, kind, metadata, spec: podSpec(i) };
      else if (kind === "Deployment")
        obj = {
          apiVersion,
          kind,
          metadata,
          spec: {
            replicas: (i % 5) + 1,
            selector: { matchLabels: { app: `app-${i % 40}` } },
            template: { metadata: { labels: { app: `app-${i % 40}` } }, spec: podSpec(i) },
          },
        };
      else if (kind === "Service")
        obj = {
          apiVersion,
          kind,
          metadata,
          spec: {
            type: i % 10 === 0 ? "LoadBalancer" : i % 10 === 1 ? "NodePort" : "ClusterIP",
            selector: { app: `app-${i % 40}` },
            ports: [
              { port: 80, targetPort: 8080, ...(i % 10 === 1 ? { nodePort: 30000 + (i % 2000) } : {}) },
            ],
            ...(i % 23 === 0 ? { externalIPs: ["203.0.113.7"] } : {}),
          },
        };
      else if (kind === "ConfigMap")
        obj = { apiVersion, kind, metadata, data: { "app.conf": `key=${i}\nmode=prod\n` } };
      else if (kind === "Ingress")
        obj = {
          apiVersion,
          kind,
          metadata,
          spec: {
            ...(i % 3 === 0 ? {} : { tls: [{ hosts: [`h${i}.example.com`] }] }),
            rules: [
              {
                host: i % 29 === 0 ? "*.example.com" : `h${i}.example.com`,
                http: {
                  paths: [
                    {
                      path: "/",
                      pathType: "Prefix",
                      backend: { service: { name: `service-${i}`, port: { number: 80 } } },
                    },
                  ],
                },
              },
            ],
          },
        };
      else obj = { apiVersion, kind, metadata };
      out.push(obj);
    }
  }
  return out;
}

/** The gatekeeper-library's `library` folder in ../shared, beside the repository. */
export function libraryDir(repoRoot: string): string {
  return resolve(repoRoot, "../shared/conformance/gatekeeper-library/library");
}

export function libraryPolicies(repoRoot: string): { templates: PolicyDoc[]; constraints: PolicyDoc[] } {
  const lib = libraryDir(repoRoot);
  const templates: PolicyDoc[] = [];
  const constraints: PolicyDoc[] = [];
  for (const area of readdirSync(lib, { withFileTypes: true })) {
    if (!area.isDirectory()) continue;
    for (const t of readdirSync(join(lib, area.name), { withFileTypes: true })) {
      if (!t.isDirectory()) continue;
      const dir = join(lib, area.name, t.name);
      const file = join(dir, "template.yaml");
      for (const doc of parseYamlObjects(readFileSync(file, "utf8"), file)) templates.push({ doc, file });
      let samples: string[] = [];
      try {
        samples = readdirSync(join(dir, "samples"));
      } catch {
        samples = [];
      }
      for (const s of samples.sort()) {
        const cf = join(dir, "samples", s, "constraint.yaml");
        try {
          for (const doc of parseYamlObjects(readFileSync(cf, "utf8"), cf))
            constraints.push({ doc, file: cf });
        } catch {
          // A sample without a constraint file.
        }
      }
    }
  }
  // Samples of one template may reuse a constraint name; keep the first.
  const seen = new Set<string>();
  const unique = constraints.filter((c) => {
    const md = c.doc.metadata;
    const key = `${String(c.doc.kind)}/${typeof md === "object" && md !== null && "name" in md ? String(md.name) : ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { templates, constraints: unique };
}

/** The protocol's warm-up: audits on each pool for at least this long per worker before timed rounds. */
const WARM_UP_MS = 5000;

let sink = 0;
function walk(v: unknown): void {
  if (Array.isArray(v)) for (const x of v) walk(x);
  else if (typeof v === "object" && v !== null) for (const x of Object.values(v)) walk(x);
  else sink++;
}

function gc(): void {
  setFlagsFromString("--expose-gc");
  const f: unknown = runInNewContext("gc");
  if (typeof f === "function") {
    f();
    f();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

/** G3: audit of 10,000 generated objects against every library template and its sample constraints. */
export async function benchAudit(repoRoot: string): Promise<unknown[]> {
  const load = loadavg()[0] ?? 0;
  const policies = libraryPolicies(repoRoot);
  const client = loadPolicySet(newClient(), policies);
  const constraints = client.constraints();

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const objects = generateObjects();
  gc();
  const heapObjects = process.memoryUsage().heapUsed - heapBefore;
  const texts = objects.map((o) => JSON.stringify(o));
  const jsonBytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

  // Matched (object, constraint) pairs: the evaluations audit has to run.
  const namespaces = new Map(
    objects
      .filter((o) => o.kind === "Namespace")
      .map((o) => [String((o.metadata as { name: string }).name), o]),
  );
  let matched = 0;
  for (const o of objects) {
    const md = o.metadata as { namespace?: string };
    const target = new MatchTarget(
      o,
      null,
      md.namespace ?? "",
      undefined,
      (n) => namespaces.get(n),
      "Original",
    );
    for (const c of constraints) {
      try {
        if (c.matcher(target)) matched++;
      } catch {
        matched++;
      }
    }
  }

  const parseWalk = (): number => {
    const t = performance.now();
    for (const s of texts) walk(JSON.parse(s));
    return performance.now() - t;
  };
  // Workers run the bundled worker, as `portcullis audit` and `serve` do (the bin builds it).
  builtBin(repoRoot);
  const entry = resolve(repoRoot, "packages/portcullis/dist/bin/audit-worker.mjs");
  const t0 = performance.now();
  const threadsBefore = threadCpu();
  const pool1 = await WorkerPool.start({ size: 1, entry });
  // The one worker's threads: its CPU time per audit is evaluations per core without the host's
  // other load (wall time counts the time the worker waited for a core).
  const pool1Threads = [...threadCpu().keys()].filter((t) => !threadsBefore.has(t));
  const pool2 = await WorkerPool.start({ size: 2, entry });
  const startupMs = (performance.now() - t0) / 3;
  const source = new MemorySource(objects);
  const timed = async (reviewer: WorkerPool): Promise<{ ms: number; result: AuditResult }> => {
    const t = performance.now();
    const result = await runAudit({ client, source, reviewer });
    return { ms: performance.now() - t, result };
  };
  // Warm-up, as the protocol asks (≥ 5 s): full audits on each pool until each of its workers has
  // had 5 s of them, so the workers have compiled their policies and the JIT has seen every
  // template. Each of two workers sees half the objects, so it takes twice the audits: with one
  // audit, or with 5 s in all, their first timed rounds used 30–60% more CPU than later ones. An
  // audit that runs every 60 s in `serve` is in this state; a one-off `portcullis audit` is not
  // (see one_cold_ms).
  const cold = await timed(pool1);
  const warmUp = async (pool: WorkerPool, already: number): Promise<void> => {
    for (let spent = already; spent < WARM_UP_MS * pool.workers; ) spent += (await timed(pool)).ms;
  };
  await warmUp(pool1, cold.ms);
  await warmUp(pool2, 0);
  // The result is the median of five rounds, as the protocol asks.
  const rounds = Number(process.env.AUDIT_BENCH_ROUNDS ?? "5");
  const one: number[] = [];
  const oneCpu: number[] = [];
  const two: number[] = [];
  const baseline: number[] = [];
  let peakRss = 0;
  let last: AuditResult | undefined;
  for (let round = 0; round < rounds; round++) {
    baseline.push(parseWalk());
    const cpuBefore = threadCpu();
    one.push((await timed(pool1)).ms);
    oneCpu.push(cpuBetween(cpuBefore, threadCpu(), pool1Threads));
    const b = await timed(pool2);
    two.push(b.ms);
    last = b.result;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  await pool1.close();
  await pool2.close();

  // The store commit, on this thread (what `portcullis audit` does) and through serve's writer
  // thread, with the longest event-loop stall each causes (what the webhook would wait).
  const commit = async (threaded: boolean): Promise<{ ms: number; stallMs: number }> => {
    const dir = mkdtempSync(join(tmpdir(), "portcullis-bench-store-"));
    const store = ViolationStore.open(dir);
    const writer = threaded
      ? await StoreWriterThread.start(dir, {
          entry: resolve(repoRoot, "packages/portcullis/dist/bin/store-worker.mjs"),
        })
      : undefined;
    let previous = performance.now();
    let stallMs = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      stallMs = Math.max(stallMs, now - previous);
      previous = now;
    }, 5);
    try {
      const t = performance.now();
      if (last !== undefined) await (writer ?? store).recordAudit(last);
      const ms = performance.now() - t;
      await new Promise((r) => setTimeout(r, 20));
      return { ms, stallMs };
    } finally {
      clearInterval(tick);
      await writer?.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const inThread = await commit(false);
  const offThread = await commit(true);
  const storeMs = inThread.ms;

  const oneMs = median(one);
  const twoMs = median(two);
  const walkMs = median(baseline);
  // One worker is one core evaluating.
  const perCore = matched / (oneMs / 1000);
  const oneCpuMs = median(oneCpu);
  return [
    {
      goal: "G3 audit: 10,000 objects × library constraints",
      objects: objects.length,
      templates: policies.templates.length,
      constraints: constraints.length,
      candidate_evaluations: objects.length * constraints.length,
      matched_evaluations: matched,
      violations: last?.violations.length ?? 0,
      one_worker_ms: round(oneMs, 0),
      one_cold_ms: round(cold.ms, 0),
      two_workers_ms: round(twoMs, 0),
      parallel_efficiency_1_to_2: round(oneMs / twoMs),
      matched_evals_per_s_per_core: Math.round(perCore),
      target_evals_per_s_per_core: 100000,
      one_worker_cpu_ms: pool1Threads.length > 0 ? round(oneCpuMs, 0) : null,
      matched_evals_per_worker_cpu_s:
        pool1Threads.length > 0 ? Math.round(matched / (oneCpuMs / 1000)) : null,
      parse_walk_ms: round(walkMs, 0),
      audit_2w_over_parse_walk: round(twoMs / walkMs),
      target_audit_over_parse_walk: 5,
      worker_startup_ms: round(startupMs, 0),
      store_commit_ms: round(storeMs, 0),
      store_commit_stall_ms: round(inThread.stallMs, 0),
      store_thread_commit_ms: round(offThread.ms, 0),
      store_thread_stall_ms: round(offThread.stallMs, 0),
      objects_json_bytes: jsonBytes,
      objects_heap_bytes: heapObjects,
      heap_over_json: round(heapObjects / jsonBytes),
      peak_rss_mib: round(peakRss / 2 ** 20, 0),
      pass: perCore >= 100000 && twoMs <= 10000 && heapObjects <= 3 * jsonBytes,
      rounds: {
        one_worker_ms: one.map((x) => round(x, 0)),
        one_worker_cpu_ms: oneCpu.map((x) => round(x, 0)),
        two_workers_ms: two.map((x) => round(x, 0)),
      },
      loadavg: round(load),
      sink: sink > 0,
    },
  ];
}
