import type { ConstraintClient, JsonObject } from "@portcullis/constraint";
import {
  type AuditLogger,
  logAuditFinished,
  logAuditStarted,
  logAuditStats,
  logConstraintAudited,
  logViolation,
  silentLogger,
} from "./audit-log.js";
import {
  type AuditedConstraint,
  auditTimestamp,
  DEFAULT_VIOLATIONS_LIMIT,
  StatusTally,
} from "./constraint-status.js";
import { AuditError } from "./errors.js";
import { DEFAULT_CHUNK_SIZE, type ObjectKind, type ObjectSource } from "./object-source.js";
import { type AuditExternalData, policySetOf } from "./policy-loader.js";
import type { PageReview } from "./review-objects.js";
import { InProcessReviewer, type Reviewer } from "./reviewer.js";
import type { AuditViolation } from "./violation.js";

/** Progress of a running audit. */
export interface AuditProgress {
  readonly reviewed: number;
  /** Objects listed so far (the total once listing is done). */
  readonly listed: number;
  readonly listingDone: boolean;
}

/** Options of {@link runAudit}. */
export interface AuditOptions {
  readonly client: ConstraintClient;
  readonly source: ObjectSource;
  /** Where reviews run; in this thread with `client` when not given. */
  readonly reviewer?: Reviewer;
  /** `--constraint-violations-limit` (default 20). */
  readonly limit?: number;
  /** `--audit-chunk-size`: objects per page (default 500). */
  readonly chunkSize?: number;
  /** Objects per review handed to the reviewer: pages are cut into parts of this size (default 50). */
  readonly reviewSize?: number;
  readonly logger?: AuditLogger;
  /** Log each object's template run times (Gatekeeper's `--log-stats-audit`). */
  readonly logStats?: boolean;
  readonly onProgress?: (p: AuditProgress) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  /** Answers templates' `external_data` calls (the client must offer the builtin); absent: off. */
  readonly externalData?: AuditExternalData | undefined;
}

/** What one audit found. */
export interface AuditResult {
  /** Gatekeeper's audit id: the start time, RFC3339 UTC. */
  readonly auditId: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly objectsReviewed: number;
  /** Every constraint with the status Gatekeeper would write. */
  readonly constraints: AuditedConstraint[];
  /** Every violation, uncapped, in listing order. */
  readonly violations: AuditViolation[];
  /** Files and objects that could not be read or reviewed. */
  readonly problems: string[];
}

/**
 * Objects per review. A page's objects live until its review ends: parts of 50 die young (in V8's
 * young generation) far more often than pages of 500, and keep the two workers evenly busy to the
 * end. One worker took 0.94 of the time with parts of 50, two 0.89 (8 rounds alternating; decision
 * 0008, addendum); parts of 25 were slower again.
 */
export const DEFAULT_REVIEW_SIZE = 50;

const NAMESPACE_KIND = (k: ObjectKind): boolean => k.group === "" && k.kind === "Namespace";

async function listAll(source: ObjectSource, kind: ObjectKind, limit: number): Promise<JsonObject[]> {
  const out: JsonObject[] = [];
  let cont: string | undefined;
  do {
    const page = await source.list(kind, { limit, ...(cont !== undefined ? { continue: cont } : {}) });
    out.push(...page.objects);
    cont = page.continue;
  } while (cont !== undefined);
  return out;
}

/**
 * Runs one audit as Gatekeeper does: lists every kind in pages, reviews each object against
 * every constraint at `audit.gatekeeper.sh`, logs `audit_started`, `violation_audited`,
 * `constraint_audited` and `audit_finished` under one audit id, and returns every constraint's
 * status with all violations. Pages are reviewed in parallel when the reviewer has workers.
 */
export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const now = options.now ?? Date.now;
  const log = options.logger ?? silentLogger;
  const limit = options.limit ?? DEFAULT_VIOLATIONS_LIMIT;
  const chunk = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const reviewSize = Math.max(1, options.reviewSize ?? DEFAULT_REVIEW_SIZE);
  const startedAt = now();
  const auditId = auditTimestamp(startedAt);
  logAuditStarted(log, auditId);
  const reviewer = options.reviewer ?? new InProcessReviewer(options.client);
  const problems: string[] = [];
  try {
    const held = policySetOf(options.client);
    const policies =
      options.externalData === undefined ? held : { ...held, externalData: options.externalData };
    await reviewer.setPolicies(policies, JSON.stringify(policies));
    const kinds = await options.source.kinds();
    for (const p of options.source.problems()) problems.push(p.message);
    const nsKind = kinds.find(NAMESPACE_KIND);
    await reviewer.setNamespaces(nsKind === undefined ? [] : await listAll(options.source, nsKind, chunk));

    // Pages are taken in as they come back, in listing order, while later ones are reviewed.
    const tally = new StatusTally(limit);
    const violations: AuditViolation[] = [];
    let objectsReviewed = 0;
    const takeIn = (p: PageReview): void => {
      objectsReviewed += p.reviewed;
      for (const v of p.violations) {
        violations.push(v);
        logViolation(log, auditId, v);
        tally.add(v);
      }
      problems.push(...p.errors);
      for (const entries of p.stats ?? []) logAuditStats(log, auditId, entries);
    };
    let takenIn: Promise<void> = Promise.resolve();
    const inFlight = new Set<Promise<unknown>>();
    const maxInFlight = Math.max(1, reviewer.workers * 2);
    let listed = 0;
    let reviewed = 0;
    const progress = (listingDone: boolean): void => options.onProgress?.({ reviewed, listed, listingDone });
    // Hands one part to the reviewer once a place is free; its result is taken in in listing order.
    const dispatch = async (part: readonly JsonObject[]): Promise<void> => {
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      const task = reviewer.review(part, options.logStats === true);
      const tracked = task.then(
        (r) => {
          reviewed += r.reviewed + r.errors.length;
          progress(false);
        },
        () => undefined,
      );
      inFlight.add(tracked);
      void tracked.finally(() => inFlight.delete(tracked));
      takenIn = takenIn.then(() => task).then(takeIn);
      // Handled here too, so a failure is not unhandled if the audit stops before awaiting it.
      takenIn.catch(() => undefined);
    };
    for (const kind of kinds) {
      let cont: string | undefined;
      do {
        if (options.signal?.aborted) throw new AuditError("audit_aborted", "audit aborted");
        const page = await options.source.list(kind, {
          limit: chunk,
          ...(cont !== undefined ? { continue: cont } : {}),
        });
        cont = page.continue;
        if (page.objects.length === 0) continue;
        listed += page.objects.length;
        for (let at = 0; at < page.objects.length; at += reviewSize)
          await dispatch(page.objects.slice(at, at + reviewSize));
      } while (cont !== undefined);
    }
    progress(true);
    await takenIn;
    const constraints = tally.statuses(options.client.constraints(), auditId);
    const actions = new Map(
      options.client.constraints().map((c) => [`${c.kind}/${c.name}`, c.enforcement.action]),
    );
    for (const c of constraints) {
      if (c.status.totalViolations === 0) continue;
      const key = `${c.kind}/${c.metadata.name}`;
      logConstraintAudited(
        log,
        auditId,
        { kind: c.kind, name: c.metadata.name, enforcementAction: actions.get(key) ?? "" },
        c.status.totalViolations,
      );
    }
    return { auditId, startedAt, finishedAt: now(), objectsReviewed, constraints, violations, problems };
  } finally {
    logAuditFinished(log, auditId);
    if (options.reviewer === undefined) await reviewer.close();
  }
}
