import type { JsonObject } from "@portcullis/constraint";
import { startAll, startWorker, WorkerChannel, workerEntry } from "../threads/worker-thread.js";
import { AuditError } from "./errors.js";
import { packObjects, unpackPage } from "./page-transfer.js";
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
  /**
   * The most each worker's young generation may grow to (MiB); {@link AUDIT_YOUNG_GENERATION_MB}
   * by default, and V8's own default with 0.
   */
  readonly youngGenerationMb?: number;
}

/**
 * Default young generation of an audit worker (MiB). A review's values die young; 64 MiB instead
 * of V8's 48 made an audit 10–18% faster for some 20–70 MiB more RSS per worker (decision 0012).
 */
export const AUDIT_YOUNG_GENERATION_MB = 64;

const workerFailure = (message: string): AuditError =>
  new AuditError("worker_failed", `audit worker ${message}`);

type PoolWorker = WorkerChannel<ToWorker, FromWorker>;

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
    const entry = options.entry ?? workerEntry(import.meta.url, "audit-worker");
    const young = options.youngGenerationMb ?? AUDIT_YOUNG_GENERATION_MB;
    const workers = await startAll(options.size, () =>
      startWorker(entry, workerFailure, {
        tsxApi: options.tsxApi,
        youngGenerationMb: young > 0 ? young : undefined,
      }),
    );
    return new WorkerPool(workers.map((w) => new WorkerChannel<ToWorker, FromWorker>(w, workerFailure)));
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

  async review(objects: readonly JsonObject[], stats = false): Promise<PageReview> {
    let best = this.members[0];
    for (const w of this.members) if (best === undefined || w.load < best.load) best = w;
    if (best === undefined) throw new AuditError("worker_failed", "no audit workers");
    const reply = unwrap(
      await best.send({ type: "review", id: this.nextId++, objects: packObjects(objects), stats }),
    );
    if (reply.type !== "reviewed") throw new AuditError("worker_failed", `unexpected reply ${reply.type}`);
    return unpackPage(reply.result);
  }

  async close(): Promise<void> {
    await Promise.all(this.members.map((w) => w.terminate()));
  }
}
