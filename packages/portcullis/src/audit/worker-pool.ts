import { createRequire as nodeRequireFrom } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { JsonObject } from "@portcullis/constraint";
import { AuditError } from "./errors.js";
import type { PolicySet } from "./policy-loader.js";
import type { PageReview } from "./review-objects.js";
import type { Reviewer } from "./reviewer.js";
import type { FromWorker, ToWorker } from "./worker-protocol.js";

/** Options of a {@link WorkerPool}. */
export interface WorkerPoolOptions {
  readonly size: number;
  /** Path of the worker entry (`audit-worker.ts`); defaults to the one next to this file. */
  readonly entry?: string;
  /**
   * Path of tsx's ESM API, registered in each worker to load a TypeScript entry; resolved from here
   * by default. Unused when the entry is JavaScript (the bundled build).
   */
  readonly tsxApi?: string;
}

// Workers start from this script: register tsx for a TypeScript entry, then import the entry.
const BOOT = `
const { workerData, parentPort } = require("node:worker_threads");
const { pathToFileURL } = require("node:url");
(async () => {
  if (workerData.tsxApi !== null) {
    const api = await import(pathToFileURL(workerData.tsxApi).href);
    api.register();
  }
  await import(pathToFileURL(workerData.entry).href);
  parentPort.postMessage({ type: "booted" });
})().catch((e) => parentPort.postMessage({ type: "boot-failed", message: String((e && e.stack) || e) }));
`;

interface Pending {
  readonly resolve: (m: FromWorker) => void;
  readonly reject: (e: Error) => void;
}

class PoolWorker {
  readonly pending = new Map<number, Pending>();
  private dead: Error | undefined;

  constructor(private readonly worker: Worker) {
    worker.on("message", (m: FromWorker) => {
      const p = this.pending.get(m.id);
      if (p === undefined) return;
      this.pending.delete(m.id);
      p.resolve(m);
    });
    worker.on("error", (e: Error) =>
      this.fail(new AuditError("worker_failed", `audit worker failed: ${e.message}`)),
    );
    worker.on("exit", (code) =>
      this.fail(new AuditError("worker_failed", `audit worker exited with code ${code}`)),
    );
  }

  get load(): number {
    return this.pending.size;
  }

  send(msg: ToWorker): Promise<FromWorker> {
    if (this.dead !== undefined) return Promise.reject(this.dead);
    return new Promise((resolve, reject) => {
      this.pending.set(msg.id, { resolve, reject });
      this.worker.postMessage(msg);
    });
  }

  private fail(e: Error): void {
    this.dead ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  terminate(): Promise<number> {
    this.dead ??= new AuditError("worker_failed", "audit worker stopped");
    return this.worker.terminate();
  }
}

function spawn(entry: string, tsxApi: string | null): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, { eval: true, workerData: { entry, tsxApi } });
    const onMessage = (m: { type?: string; message?: string }): void => {
      if (m.type === "booted") {
        cleanup();
        resolve(worker);
      } else if (m.type === "boot-failed") {
        cleanup();
        void worker.terminate();
        reject(new AuditError("worker_failed", `audit worker did not start: ${m.message ?? ""}`));
      }
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(new AuditError("worker_failed", `audit worker did not start: ${e.message}`));
    };
    const cleanup = (): void => {
      worker.off("message", onMessage);
      worker.off("error", onError);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
  });
}

/** The worker entry beside this module: `audit-worker.mjs` in the bundled build, else the TypeScript source. */
function defaultEntry(): string {
  const bundled = import.meta.url.endsWith(".mjs");
  return fileURLToPath(new URL(bundled ? "./audit-worker.mjs" : "./audit-worker.ts", import.meta.url));
}

/** tsx's ESM API file: require resolves its CommonJS twin, which sits next to it. */
function tsxEsmApi(): string {
  return nodeRequireFrom(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs");
}

function unwrap(m: FromWorker): FromWorker {
  if (m.type === "failed") throw new AuditError("worker_failed", m.message);
  return m;
}

/** Reviews pages across worker threads, each with its own constraint client. */
export class WorkerPool implements Reviewer {
  private nextId = 1;
  private fingerprint: string | undefined;

  private constructor(private readonly members: PoolWorker[]) {}

  /** Starts `size` workers (at least one). */
  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    const entry = options.entry ?? defaultEntry();
    const tsxApi = entry.endsWith(".ts") ? (options.tsxApi ?? tsxEsmApi()) : null;
    const size = Math.max(1, options.size);
    const started = await Promise.allSettled(Array.from({ length: size }, () => spawn(entry, tsxApi)));
    const workers: Worker[] = [];
    let failure: unknown;
    for (const s of started) {
      if (s.status === "fulfilled") workers.push(s.value);
      else failure = s.reason;
    }
    if (failure !== undefined) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw failure;
    }
    return new WorkerPool(workers.map((w) => new PoolWorker(w)));
  }

  get workers(): number {
    return this.members.length;
  }

  private broadcast(make: (id: number) => ToWorker): Promise<void> {
    return Promise.all(this.members.map((w) => w.send(make(this.nextId++)).then(unwrap))).then(
      () => undefined,
    );
  }

  async setPolicies(policies: PolicySet, fingerprint: string): Promise<void> {
    if (fingerprint === this.fingerprint) return;
    this.fingerprint = undefined;
    await this.broadcast((id) => ({ type: "policies", id, policies }));
    this.fingerprint = fingerprint;
  }

  setNamespaces(namespaces: readonly JsonObject[]): Promise<void> {
    return this.broadcast((id) => ({ type: "namespaces", id, namespaces }));
  }

  async review(objects: readonly JsonObject[]): Promise<PageReview> {
    let best = this.members[0];
    for (const w of this.members) if (best === undefined || w.load < best.load) best = w;
    if (best === undefined) throw new AuditError("worker_failed", "no audit workers");
    const reply = unwrap(await best.send({ type: "review", id: this.nextId++, objects }));
    if (reply.type !== "reviewed") throw new AuditError("worker_failed", `unexpected reply ${reply.type}`);
    return reply.result;
  }

  async close(): Promise<void> {
    await Promise.all(this.members.map((w) => w.terminate()));
  }
}
