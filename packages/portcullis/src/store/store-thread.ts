import { startWorker, WorkerChannel, workerEntry } from "../threads/worker-thread.js";
import { StoreError } from "./errors.js";
import type { FromStoreWorker, ToStoreWorker } from "./store-protocol.js";
import type { AuditRecord, RecordedViolation, RecordOutcome } from "./violation-store.js";

/** Where audits are recorded: the store itself, or {@link StoreWriterThread}. */
export interface AuditRecorder {
  recordAudit(audit: AuditRecord): RecordOutcome | Promise<RecordOutcome>;
}

/** Options of {@link StoreWriterThread.start}. */
export interface StoreWriterOptions {
  /** Path of the worker entry; defaults to `store-worker` beside this module. */
  readonly entry?: string;
  /** Path of tsx's ESM API for a TypeScript entry (see `startWorker`). */
  readonly tsxApi?: string;
}

/** Violations copied to the thread at a time. */
const PART = 2000;

const failure = (message: string): StoreError =>
  new StoreError("store_write_failed", `store writer thread ${message}`);

/** Only what the store keeps of each violation crosses to the thread (no labels or annotations). */
function recorded(v: RecordedViolation): RecordedViolation {
  const { constraint, object, message, enforcementAction, enforcementActions, details } = v;
  return { constraint, object, message, enforcementAction, enforcementActions, details };
}

/**
 * Records audits in the store from a worker thread with its own connection, so that writing tens
 * of thousands of violations in one transaction (seconds) does not stall the webhook sharing the
 * process. Readers on other connections see the previous audit until the transaction commits.
 */
export class StoreWriterThread implements AuditRecorder {
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly channel: WorkerChannel<ToStoreWorker, FromStoreWorker>) {}

  /** Starts the thread and opens the store under `dir` in it. */
  static async start(dir: string, options: StoreWriterOptions = {}): Promise<StoreWriterThread> {
    const entry = options.entry ?? workerEntry(import.meta.url, "store-worker");
    const worker = await startWorker(entry, failure, { tsxApi: options.tsxApi });
    const writer = new StoreWriterThread(new WorkerChannel(worker, failure));
    try {
      await writer.request({ type: "open", id: writer.nextId++, dir });
    } catch (e: unknown) {
      await writer.close();
      throw e;
    }
    return writer;
  }

  /** Records one audit; calls made while one is being sent wait their turn. */
  recordAudit(audit: AuditRecord): Promise<RecordOutcome> {
    const turn = this.queue.then(() => this.send(audit));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async send(audit: AuditRecord): Promise<RecordOutcome> {
    // Copying to the thread happens on this one: parts keep each copy short.
    const all = audit.violations;
    let from = 0;
    for (; all.length - from > PART; from += PART) {
      const violations = all.slice(from, from + PART).map(recorded);
      await this.request({ type: "violations", id: this.nextId++, violations });
    }
    const rest = { ...audit, violations: all.slice(from).map(recorded) };
    const reply = await this.request({ type: "record", id: this.nextId++, audit: rest });
    if (reply.type !== "recorded") throw failure(`answered ${reply.type}`);
    return reply.outcome;
  }

  private async request(msg: ToStoreWorker): Promise<FromStoreWorker> {
    const reply = await this.channel.send(msg);
    if (reply.type === "failed") throw new StoreError(reply.code, reply.message);
    return reply;
  }

  /** Stops the thread (a write in flight is abandoned: its transaction never commits). */
  async close(): Promise<void> {
    await this.channel.terminate();
  }
}
