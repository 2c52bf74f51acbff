import type { ConstraintClient } from "@portcullis/constraint";
import type { AuditRecorder } from "../store/store-thread.js";
import type { RecordOutcome } from "../store/violation-store.js";
import type { AuditLogger } from "./audit-log.js";
import { AuditError, errorMessage } from "./errors.js";
import type { ObjectSource } from "./object-source.js";
import type { AuditExternalData } from "./policy-loader.js";
import type { Reviewer } from "./reviewer.js";
import { type AuditResult, runAudit } from "./run-audit.js";

/** Options of {@link startAuditLoop}. */
export interface AuditLoopOptions {
  /** The policies to audit against; a function is asked at the start of each audit (policies that reload). */
  readonly client: ConstraintClient | (() => ConstraintClient);
  readonly source: ObjectSource;
  /** Where results are kept (the store, or its writer thread); optional. */
  readonly store?: AuditRecorder;
  /** `--audit-interval` in seconds (default 60); 0 turns periodic audits off ({@link AuditLoop.runNow} still works). */
  readonly interval?: number;
  /** `--constraint-violations-limit` (default 20). */
  readonly limit?: number;
  /** `--audit-chunk-size` (default 500). */
  readonly chunkSize?: number;
  readonly logger?: AuditLogger;
  /** Log each object's template run times (`--log-stats-audit`). */
  readonly logStats?: boolean;
  /** Worker threads reviewing objects; in-process when not given. Closed by {@link AuditLoop.stop}. */
  readonly reviewer?: Reviewer;
  /** External data for each audit (asked at its start, as the client is); absent: off. */
  readonly externalData?: () => AuditExternalData | undefined;
  /** Run the first audit at once instead of after one interval (Gatekeeper waits one interval). */
  readonly immediate?: boolean;
  /** Called after each audit (and its store write). */
  readonly onAudit?: (result: AuditResult, stored: RecordOutcome | undefined) => void;
  /** Called when an audit or its store write fails; the loop goes on. */
  readonly onError?: (e: unknown) => void;
}

/** A running audit loop. */
export interface AuditLoop {
  /** The last completed audit. */
  latest(): AuditResult | undefined;
  /** Runs an audit now (or joins the one running) and resolves with its result. */
  runNow(): Promise<AuditResult>;
  /**
   * Runs a fresh audit: now when none is running, else once the running one ends (requests made
   * meanwhile share that one audit). For changes the running audit may have missed.
   */
  rerun(): Promise<AuditResult>;
  /** True while an audit runs. */
  running(): boolean;
  /** Stops the timer, waits for a running audit, closes the reviewer. */
  stop(): Promise<void>;
}

/**
 * Runs audits every `interval` seconds, never two at once (a tick that comes while an audit runs
 * is dropped, like Go's ticker), records each in the store, and keeps the latest result for
 * serve's status and API.
 */
export function startAuditLoop(options: AuditLoopOptions): AuditLoop {
  const interval = options.interval ?? 60;
  let latest: AuditResult | undefined;
  let running: Promise<AuditResult> | undefined;
  let queued: Promise<AuditResult> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const controller = new AbortController();

  const once = async (): Promise<AuditResult> => {
    if (stopped) throw new AuditError("audit_aborted", "audit loop stopped");
    const result = await runAudit({
      client: typeof options.client === "function" ? options.client() : options.client,
      source: options.source,
      signal: controller.signal,
      ...(options.reviewer !== undefined ? { reviewer: options.reviewer } : {}),
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
      ...(options.logger !== undefined ? { logger: options.logger } : {}),
      logStats: options.logStats === true,
      externalData: options.externalData?.(),
    });
    let stored: RecordOutcome | undefined;
    if (options.store !== undefined) {
      try {
        stored = await options.store.recordAudit(result);
      } catch (e: unknown) {
        options.onError?.(e);
      }
    }
    latest = result;
    options.onAudit?.(result, stored);
    return result;
  };

  const runNow = (): Promise<AuditResult> => {
    if (running === undefined) {
      running = once().finally(() => {
        running = undefined;
      });
    }
    return running;
  };

  const rerun = (): Promise<AuditResult> => {
    if (running === undefined) return runNow();
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return runNow();
      });
    return queued;
  };

  const schedule = (delayMs: number): void => {
    if (stopped || interval <= 0) return;
    timer = setTimeout(() => {
      const started = Date.now();
      runNow()
        .catch((e: unknown) => options.onError?.(e))
        .finally(() => schedule(Math.max(0, interval * 1000 - (Date.now() - started))));
    }, delayMs);
    timer.unref?.();
  };
  schedule(options.immediate === true ? 0 : interval * 1000);

  return {
    latest: () => latest,
    runNow,
    rerun,
    running: () => running !== undefined,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      controller.abort();
      if (running !== undefined) await running.catch(() => undefined);
      if (queued !== undefined) await queued.catch(() => undefined);
      await options.reviewer?.close();
    },
  };
}

/** The message of an audit loop failure, for logs. */
export function auditLoopError(e: unknown): string {
  return `audit failed: ${errorMessage(e)}`;
}
