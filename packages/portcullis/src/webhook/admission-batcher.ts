import { WebhookError } from "./webhook-error.js";

/** Gatekeeper's error when a request could not start before its deadline. */
export const SERVING_CANCELED = "serving context canceled, aborting request";

/** A call the batcher holds: anything with an evaluation deadline (ms since the epoch). */
export interface Deadlined {
  readonly deadline: number;
}

/** Decides a batch of calls: one answer per call, in the calls' order. */
export type BatchDecider<Call extends Deadlined, Answer> = (
  calls: readonly Call[],
) => readonly Answer[] | Promise<readonly Answer[]>;

/** Options of an {@link AdmissionBatcher}. */
export interface AdmissionBatcherOptions {
  /** Batches decided at once: 1 when deciding runs on the event loop, else one per worker thread. */
  readonly lanes: number;
  /** Most calls in one batch. */
  readonly maxBatch: number;
}

interface Queued<Call, Answer> {
  readonly call: Call;
  readonly resolve: (answer: Answer) => void;
  readonly reject: (e: Error) => void;
}

/**
 * Gathers the admission requests that arrive while others are being decided, and decides them
 * together: a batch is reviewed template by template, which costs less per request than one
 * request after another. Under light load a batch is the one request that arrived.
 *
 * Calls wait in arrival order until a lane is free; one still waiting at its deadline is
 * rejected with Gatekeeper's "serving context canceled" error. A decider that throws or
 * answers too few rejects the calls of its batch only.
 */
export class AdmissionBatcher<Call extends Deadlined, Answer> {
  private queue: Queued<Call, Answer>[] = [];
  private running = 0;
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly decide: BatchDecider<Call, Answer>,
    private readonly options: AdmissionBatcherOptions,
  ) {
    if (!Number.isInteger(options.lanes) || options.lanes < 1)
      throw new RangeError("lanes must be at least 1");
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1)
      throw new RangeError("the batch size must be at least 1");
  }

  /** Calls waiting for a lane. */
  get queued(): number {
    return this.queue.length;
  }

  /** Decides `call` in the next batch with room; resolves with its answer. */
  submit(call: Call): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ call, resolve, reject });
      this.schedule();
    });
  }

  /** Drains once the requests that arrived in this turn of the event loop are queued. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    this.cancelExpired(Date.now());
    const { lanes, maxBatch } = this.options;
    while (this.running < lanes && this.queue.length > 0) {
      const size = Math.min(maxBatch, Math.ceil(this.queue.length / (lanes - this.running)));
      this.run(this.queue.splice(0, size));
    }
    this.armTimer();
  }

  private cancelExpired(now: number): void {
    if (!this.queue.some((q) => q.call.deadline <= now)) return;
    const kept: Queued<Call, Answer>[] = [];
    for (const q of this.queue) {
      if (q.call.deadline > now) kept.push(q);
      else q.reject(new WebhookError("serving_canceled", 500, SERVING_CANCELED));
    }
    this.queue = kept;
  }

  /** While calls wait for a busy lane, wakes at the earliest deadline to cancel it on time. */
  private armTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const q of this.queue) earliest = Math.min(earliest, q.call.deadline);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.drain();
      },
      Math.max(0, earliest - Date.now()),
    );
  }

  private run(batch: Queued<Call, Answer>[]): void {
    this.running++;
    let answers: readonly Answer[] | Promise<readonly Answer[]>;
    try {
      answers = this.decide(batch.map((q) => q.call));
    } catch (e: unknown) {
      answers = Promise.reject(e);
    }
    Promise.resolve(answers)
      .then(
        (found) => {
          batch.forEach((q, i) => {
            if (i < found.length) q.resolve(found[i] as Answer);
            else q.reject(new Error(`the decider answered ${found.length} of ${batch.length} calls`));
          });
        },
        (e: unknown) => {
          const error = e instanceof Error ? e : new Error(String(e));
          for (const q of batch) q.reject(error);
        },
      )
      .finally(() => {
        this.running--;
        if (this.queue.length > 0) this.schedule();
      });
  }
}
