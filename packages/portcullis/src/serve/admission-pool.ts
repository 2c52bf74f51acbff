import type { PolicyDocument } from "../policies/read-policy-files.js";
import { startAll, startWorker, WorkerChannel, workerEntry } from "../threads/worker-thread.js";
import type { DecidedBatch } from "./admission-decisions.js";
import type {
  AdmissionWork,
  AdmissionWorkerSettings,
  FromAdmissionWorker,
  ToAdmissionWorker,
} from "./admission-worker-protocol.js";

/** A webhook worker thread that failed, exited or could not start. */
export class AdmissionWorkerError extends Error {
  readonly code = "admission_worker_failed";

  constructor(message: string) {
    super(message);
    this.name = "AdmissionWorkerError";
  }
}

const failure = (message: string): AdmissionWorkerError =>
  new AdmissionWorkerError(`webhook worker ${message}`);

type Member = WorkerChannel<ToAdmissionWorker, FromAdmissionWorker>;

interface Policies {
  readonly documents: readonly PolicyDocument[];
  readonly settings: AdmissionWorkerSettings;
}

/** Options of {@link AdmissionPool.start}. */
export interface AdmissionPoolOptions {
  readonly size: number;
  /** Path of the worker entry; defaults to `admission-worker` beside this module. */
  readonly entry?: string;
  /** Path of tsx's ESM API, for a TypeScript entry (see `startWorker`). */
  readonly tsxApi?: string;
}

function unwrap(m: FromAdmissionWorker): FromAdmissionWorker {
  if (m.type === "failed") throw new AdmissionWorkerError(m.message);
  return m;
}

/**
 * Worker threads deciding admission batches (`--max-serving-threads`), each with its own policy
 * set built from the documents it is sent. A worker that dies is replaced, and given the
 * policies in force; its batch fails, the others go on.
 */
export class AdmissionPool {
  private nextId = 1;
  private policies: Policies | undefined;
  private closed = false;
  private readonly replacing = new Set<Member>();

  private constructor(
    private readonly members: Member[],
    private readonly options: AdmissionPoolOptions,
  ) {}

  /** Starts `size` workers (at least one). */
  static async start(options: AdmissionPoolOptions): Promise<AdmissionPool> {
    const members = await startAll(options.size, () => AdmissionPool.spawn(options));
    return new AdmissionPool(members, options);
  }

  private static async spawn(options: AdmissionPoolOptions): Promise<Member> {
    const entry = options.entry ?? workerEntry(import.meta.url, "admission-worker");
    const worker = await startWorker(entry, failure, { tsxApi: options.tsxApi });
    return new WorkerChannel<ToAdmissionWorker, FromAdmissionWorker>(worker, failure);
  }

  /** Workers. */
  get size(): number {
    return this.members.length;
  }

  /** Workers running now (a dead one counts again once replaced). */
  get running(): number {
    return this.members.filter((m) => m.alive).length;
  }

  /** Sends the policies to every worker; resolves when all have built them. */
  async setPolicies(documents: readonly PolicyDocument[], settings: AdmissionWorkerSettings): Promise<void> {
    this.policies = { documents, settings };
    await Promise.all(this.members.map((m) => this.load(m)));
  }

  private async load(member: Member): Promise<void> {
    const p = this.policies;
    if (p === undefined) return;
    unwrap(await member.send({ type: "policies", id: this.nextId++, ...p }));
  }

  /** Decides a batch on the least busy worker. */
  async decide(work: readonly AdmissionWork[]): Promise<DecidedBatch> {
    this.heal();
    let best: Member | undefined;
    for (const m of this.members) if (m.alive && (best === undefined || m.load < best.load)) best = m;
    if (best === undefined) throw failure("none is running");
    const member = best;
    const reply = unwrap(await member.send({ type: "decide", id: this.nextId++, work }));
    if (reply.type !== "decided") throw failure(`answered ${reply.type}`);
    return reply.batch;
  }

  /** Starts a replacement for every dead worker not being replaced yet. */
  private heal(): void {
    if (this.closed) return;
    for (const dead of this.members) {
      if (dead.alive || this.replacing.has(dead)) continue;
      this.replacing.add(dead);
      AdmissionPool.spawn(this.options)
        .then(async (fresh) => {
          await this.load(fresh);
          const i = this.members.indexOf(dead);
          if (this.closed || i < 0) await fresh.terminate();
          else this.members[i] = fresh;
        })
        .catch(() => {
          // The pool runs on with one worker fewer; the next batch tries again.
        })
        .finally(() => this.replacing.delete(dead));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.members.map((m) => m.terminate()));
  }
}
