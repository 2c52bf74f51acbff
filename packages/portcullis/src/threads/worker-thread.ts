import { createRequire as nodeRequireFrom } from "node:module";
import { fileURLToPath } from "node:url";
import { parentPort, Worker } from "node:worker_threads";

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

/** Makes the error a worker failure is reported with (the caller's own error class and code). */
export type WorkerFailure = (message: string) => Error;

/**
 * The entry `name` beside the module at `moduleUrl`: `name.mjs` in the bundled build (the bin
 * bundles each worker entry next to the CLI), else the TypeScript source `name.ts`.
 */
export function workerEntry(moduleUrl: string, name: string): string {
  const bundled = moduleUrl.endsWith(".mjs");
  return fileURLToPath(new URL(bundled ? `./${name}.mjs` : `./${name}.ts`, moduleUrl));
}

/** tsx's ESM API file, registered in a worker that loads a TypeScript entry (require resolves its CommonJS twin). */
function tsxEsmApi(): string {
  return nodeRequireFrom(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs");
}

/** How a worker thread is started. */
export interface StartWorkerOptions {
  /** Where tsx's ESM API is, for a TypeScript entry; resolved from here by default. */
  readonly tsxApi?: string | undefined;
  /**
   * The most the worker's young generation may grow to (MiB); V8's default when undefined. Workers
   * whose objects die young (an audit's reviews) spend less time collecting with a larger one.
   */
  readonly youngGenerationMb?: number | undefined;
}

/**
 * Starts a worker thread on `entry` and resolves once the entry has loaded. A TypeScript entry is
 * loaded through tsx.
 */
export function startWorker(
  entry: string,
  failure: WorkerFailure,
  options: StartWorkerOptions = {},
): Promise<Worker> {
  const api = entry.endsWith(".ts") ? (options.tsxApi ?? tsxEsmApi()) : null;
  const young = options.youngGenerationMb;
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { entry, tsxApi: api },
      ...(young !== undefined ? { resourceLimits: { maxYoungGenerationSizeMb: young } } : {}),
    });
    const onMessage = (m: { type?: string; message?: string }): void => {
      if (m.type === "booted") {
        cleanup();
        resolve(worker);
      } else if (m.type === "boot-failed") {
        cleanup();
        void worker.terminate();
        reject(failure(`did not start: ${m.message ?? ""}`));
      }
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(failure(`did not start: ${e.message}`));
    };
    const cleanup = (): void => {
      worker.off("message", onMessage);
      worker.off("error", onError);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
  });
}

/**
 * Starts `count` of something that runs in a thread (at least one), all or none: when one fails
 * to start, the others are stopped and its error is thrown.
 */
export async function startAll<T extends { terminate(): Promise<number> }>(
  count: number,
  start: () => Promise<T>,
): Promise<T[]> {
  const started = await Promise.allSettled(Array.from({ length: Math.max(1, count) }, start));
  const running: T[] = [];
  let failure: unknown;
  for (const s of started) {
    if (s.status === "fulfilled") running.push(s.value);
    else failure = s.reason;
  }
  if (failure !== undefined) {
    await Promise.all(running.map((t) => t.terminate()));
    throw failure;
  }
  return running;
}

interface Pending<R> {
  readonly resolve: (m: R) => void;
  readonly reject: (e: Error) => void;
}

/**
 * Requests to a started worker, each answered by a reply with the same `id`. When the worker
 * fails or exits, every pending request and every later one is rejected.
 */
export class WorkerChannel<Request extends { readonly id: number }, Reply extends { readonly id: number }> {
  private readonly pending = new Map<number, Pending<Reply>>();
  private dead: Error | undefined;

  constructor(
    private readonly worker: Worker,
    private readonly failure: WorkerFailure,
  ) {
    worker.on("message", (m: Reply) => {
      const p = this.pending.get(m.id);
      if (p === undefined) return;
      this.pending.delete(m.id);
      p.resolve(m);
    });
    worker.on("error", (e: Error) => this.fail(failure(`failed: ${e.message}`)));
    worker.on("exit", (code) => this.fail(failure(`exited with code ${code}`)));
  }

  /** Requests in flight. */
  get load(): number {
    return this.pending.size;
  }

  /** False once the worker failed, exited or was stopped. */
  get alive(): boolean {
    return this.dead === undefined;
  }

  send(msg: Request): Promise<Reply> {
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
    this.dead ??= this.failure("stopped");
    return this.worker.terminate();
  }
}

/**
 * In a worker entry: answers each request from the parent with `handle`'s reply (once it
 * settles, when it is a promise), or with `failed`'s when it throws or rejects.
 */
export function answerRequests<Request extends { readonly id: number }, Reply>(
  handle: (msg: Request) => Reply | Promise<Reply>,
  failed: (id: number, e: unknown) => Reply,
): void {
  const port = parentPort;
  if (port === null) return;
  port.on("message", (msg: Request) => {
    let reply: Reply | Promise<Reply>;
    try {
      reply = handle(msg);
    } catch (e: unknown) {
      reply = failed(msg.id, e);
    }
    if (reply instanceof Promise)
      reply.then(
        (r) => port.postMessage(r),
        (e: unknown) => port.postMessage(failed(msg.id, e)),
      );
    else port.postMessage(reply);
  });
}
