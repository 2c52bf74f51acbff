import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { StoredViolation } from "../api/shapes.js";
import type { AuditedConstraint } from "../audit/constraint-status.js";
import type { AuditViolation } from "../audit/violation.js";
import { StoreError } from "./errors.js";
import { type ViolationQuery, whereOf } from "./query-filter.js";
import { migrate } from "./schema.js";
import { type Database, openDatabase, type Statement } from "./sqlite.js";

/** File name of the store under `--data-dir`. */
export const STORE_FILE = "violations.db";

/** What the store keeps of one audit. */
export interface AuditRecord {
  readonly auditId: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly objectsReviewed: number;
  readonly constraints: readonly AuditedConstraint[];
  readonly violations: readonly RecordedViolation[];
}

/** What the store keeps of a violation. */
export type RecordedViolation = Pick<
  AuditViolation,
  "constraint" | "object" | "message" | "enforcementAction" | "enforcementActions" | "details"
>;

export type { StoredViolation } from "../api/shapes.js";

/** One page of a query. */
export interface ViolationPage {
  readonly total: number;
  readonly violations: StoredViolation[];
}

/** A stored audit: its id, times, counts and the constraint statuses it wrote. */
export interface StoredAudit {
  readonly seq: number;
  readonly auditId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly objectsReviewed: number;
  readonly totalViolations: number;
  readonly newViolations: number;
  readonly resolvedViolations: number;
  readonly constraints: AuditedConstraint[];
}

/** What recording an audit changed. */
export interface RecordOutcome {
  readonly seq: number;
  readonly newViolations: number;
  readonly resolvedViolations: number;
}

interface ViolationRow {
  id: number;
  constraint_kind: string;
  constraint_name: string;
  object_group: string;
  object_version: string;
  object_kind: string;
  object_namespace: string;
  object_name: string;
  message: string;
  enforcement_action: string;
  enforcement_actions: string;
  details: string | null;
  first_seen: number;
  last_seen: number;
  resolved_at: number | null;
}

interface AuditRow {
  seq: number;
  audit_id: string;
  started_at: number;
  finished_at: number;
  objects_reviewed: number;
  total_violations: number;
  new_violations: number;
  resolved_violations: number;
  constraints_json: string;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The identity of a violation across audits: constraint, object and message. */
export function violationFingerprint(v: RecordedViolation): string {
  const o = v.object;
  return createHash("sha1")
    .update(
      JSON.stringify([
        v.constraint.kind,
        v.constraint.name,
        o.group,
        o.version,
        o.kind,
        o.namespace,
        o.name,
        v.message,
      ]),
    )
    .digest("hex");
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toStored(r: ViolationRow): StoredViolation {
  const actions = parseJson(r.enforcement_actions);
  return {
    id: r.id,
    constraint: { kind: r.constraint_kind, name: r.constraint_name },
    object: {
      group: r.object_group,
      version: r.object_version,
      kind: r.object_kind,
      namespace: r.object_namespace,
      name: r.object_name,
    },
    message: r.message,
    enforcementAction: r.enforcement_action,
    enforcementActions: Array.isArray(actions)
      ? actions.filter((a): a is string => typeof a === "string")
      : [],
    details: parseJson(r.details),
    firstSeen: iso(r.first_seen),
    lastSeen: iso(r.last_seen),
    resolvedAt: r.resolved_at === null ? null : iso(r.resolved_at),
  };
}

function toAudit(r: AuditRow): StoredAudit {
  const constraints = parseJson(r.constraints_json);
  return {
    seq: r.seq,
    auditId: r.audit_id,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    objectsReviewed: r.objects_reviewed,
    totalViolations: r.total_violations,
    newViolations: r.new_violations,
    resolvedViolations: r.resolved_violations,
    constraints: Array.isArray(constraints) ? constraints : [],
  };
}

function isCorrupt(e: unknown): boolean {
  const code = typeof e === "object" && e !== null && "code" in e ? e.code : undefined;
  return code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB";
}

/**
 * Every violation audits found, without Gatekeeper's cap: one SQLite file (WAL) under the data
 * directory. Each audit is recorded in one transaction, so a crash mid-write leaves the previous
 * state. A violation stays open while audits keep finding it and is marked resolved by the first
 * audit that does not; if it comes back it is a new row.
 */
export class ViolationStore {
  private readonly stmts: {
    insertAudit: Statement;
    finishAudit: Statement;
    touch: Statement;
    insert: Statement;
    resolve: Statement;
  };

  private constructor(
    private readonly db: Database,
    readonly file: string,
  ) {
    this.stmts = {
      insertAudit: db.prepare(
        "INSERT INTO audits (audit_id, started_at, finished_at, objects_reviewed, total_violations, constraints_json) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      finishAudit: db.prepare("UPDATE audits SET new_violations = ?, resolved_violations = ? WHERE seq = ?"),
      touch: db.prepare(
        "UPDATE violations SET last_seen = ?, last_audit = ?, enforcement_action = ?, enforcement_actions = ?, details = ? WHERE fingerprint = ? AND resolved_at IS NULL",
      ),
      insert: db.prepare(
        `INSERT INTO violations (fingerprint, constraint_kind, constraint_name, object_group, object_version, object_kind,
          object_namespace, object_name, message, enforcement_action, enforcement_actions, details, first_seen, last_seen,
          first_audit, last_audit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      resolve: db.prepare(
        "UPDATE violations SET resolved_at = ? WHERE resolved_at IS NULL AND last_audit < ?",
      ),
    };
  }

  /** Opens (creating when needed) the store under `dataDir`. Throws {@link StoreError}. */
  static open(dataDir: string): ViolationStore {
    const file = join(dataDir, STORE_FILE);
    let db: Database | undefined;
    try {
      mkdirSync(dataDir, { recursive: true });
      db = openDatabase(file);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      migrate(db);
      return new ViolationStore(db, file);
    } catch (e: unknown) {
      db?.close();
      const message = e instanceof Error ? e.message : String(e);
      throw new StoreError(isCorrupt(e) ? "store_corrupt" : "store_open_failed", `${file}: ${message}`, {
        file,
        cause: e,
      });
    }
  }

  /** Records an audit's results in one transaction: upserts what it found, resolves what it did not. */
  recordAudit(audit: AuditRecord): RecordOutcome {
    const s = this.stmts;
    const write = this.db.transaction((a: AuditRecord): RecordOutcome => {
      const seq = Number(
        s.insertAudit.run(
          a.auditId,
          a.startedAt,
          a.finishedAt,
          a.objectsReviewed,
          a.violations.length,
          JSON.stringify(a.constraints),
        ).lastInsertRowid,
      );
      let added = 0;
      const at = a.startedAt;
      for (const v of a.violations) {
        const fp = violationFingerprint(v);
        const actions = JSON.stringify(v.enforcementActions);
        const details = v.details === undefined ? null : JSON.stringify(v.details);
        if (s.touch.run(at, seq, v.enforcementAction, actions, details, fp).changes > 0) continue;
        const o = v.object;
        s.insert.run(
          fp,
          v.constraint.kind,
          v.constraint.name,
          o.group,
          o.version,
          o.kind,
          o.namespace,
          o.name,
          v.message,
          v.enforcementAction,
          actions,
          details,
          at,
          at,
          seq,
          seq,
        );
        added++;
      }
      const resolved = s.resolve.run(at, seq).changes;
      s.finishAudit.run(added, resolved, seq);
      return { seq, newViolations: added, resolvedViolations: resolved };
    });
    try {
      return write(audit);
    } catch (e: unknown) {
      const message = e instanceof Error ? e.message : String(e);
      throw new StoreError("store_write_failed", `${this.file}: ${message}`, { file: this.file, cause: e });
    }
  }

  /** Violations matching a query, ordered by constraint, then object, then message. */
  query(q: ViolationQuery = {}): ViolationPage {
    const w = whereOf(q);
    const total = this.db.prepare(`SELECT count(*) AS n FROM violations WHERE ${w.where}`).get(...w.params);
    const rows = this.db
      .prepare(
        `SELECT * FROM violations WHERE ${w.where}
         ORDER BY constraint_kind, constraint_name, object_namespace, object_kind, object_name, message, id
         LIMIT ? OFFSET ?`,
      )
      .all(...w.params, w.limit, w.offset);
    const n = typeof total === "object" && total !== null && "n" in total ? Number(total.n) : 0;
    return { total: n, violations: rows.map((r) => toStored(r as ViolationRow)) };
  }

  /** One violation by id. */
  get(id: number): StoredViolation | undefined {
    const row = this.db.prepare("SELECT * FROM violations WHERE id = ?").get(id);
    return row === undefined ? undefined : toStored(row as ViolationRow);
  }

  /** The latest audits, newest first. */
  audits(limit = 20): StoredAudit[] {
    return this.db
      .prepare("SELECT * FROM audits ORDER BY seq DESC LIMIT ?")
      .all(limit)
      .map((r) => toAudit(r as AuditRow));
  }

  /** The latest audit, if any. */
  latestAudit(): StoredAudit | undefined {
    return this.audits(1)[0];
  }

  /** SQLite's integrity check: `["ok"]` when the file is sound. */
  integrityCheck(): string[] {
    return this.db
      .prepare("PRAGMA integrity_check")
      .all()
      .map((r) =>
        typeof r === "object" && r !== null && "integrity_check" in r ? String(r.integrity_check) : String(r),
      );
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
