import { describeStats, type StatsEntry } from "@portcullis/constraint";
import { type AuditViolation, CONSTRAINTS_GROUP, CONSTRAINTS_VERSION } from "./violation.js";

/** Where audit log lines go: pino's `info(fields, msg)` fits, as does {@link jsonLineLogger}. */
export interface AuditLogger {
  info(fields: Record<string, unknown>, msg: string): void;
}

/** A logger that drops everything. */
export const silentLogger: AuditLogger = { info: () => undefined };

/**
 * A logger writing one JSON object per line in the shape of Gatekeeper's zap logs:
 * `{"level":"info","ts":<seconds>,"logger":"controller","msg":…, …fields}`.
 */
export function jsonLineLogger(write: (line: string) => void, now: () => number = Date.now): AuditLogger {
  return {
    info(fields, msg) {
      write(`${JSON.stringify({ level: "info", ts: now() / 1000, logger: "controller", msg, ...fields })}\n`);
    },
  };
}

function base(auditId: string, eventType: string): Record<string, unknown> {
  return { process: "audit", audit_id: auditId, event_type: eventType };
}

/** `audit_started`. */
export function logAuditStarted(log: AuditLogger, auditId: string): void {
  log.info(base(auditId, "audit_started"), "auditing constraints and violations");
}

/**
 * `audit_stats` (`--log-stats-audit`): one reviewed object's template run times and constraint
 * counts, as Gatekeeper logs them (the line does not name the object).
 */
export function logAuditStats(log: AuditLogger, auditId: string, entries: readonly StatsEntry[]): void {
  log.info(
    { ...base(auditId, "audit_stats"), execution_stats: describeStats(entries) },
    "audit review request stats",
  );
}

/** `audit_finished`. */
export function logAuditFinished(log: AuditLogger, auditId: string): void {
  log.info(base(auditId, "audit_finished"), "auditing is complete");
}

/** `violation_audited`: msg is the violation's full message. */
export function logViolation(log: AuditLogger, auditId: string, v: AuditViolation): void {
  // One literal: a spread grown field by field (or a `delete`) is very slow to build in V8. An
  // undefined field is left out of the JSON line.
  const fields: Record<string, unknown> = {
    process: "audit",
    audit_id: auditId,
    event_type: "violation_audited",
    details: v.details,
    constraint_group: CONSTRAINTS_GROUP,
    constraint_api_version: CONSTRAINTS_VERSION,
    constraint_kind: v.constraint.kind,
    constraint_name: v.constraint.name,
    constraint_namespace: "",
    constraint_action: v.enforcementAction,
    constraint_enforcement_actions: v.enforcementActions.length > 0 ? v.enforcementActions : undefined,
    constraint_annotations: v.constraintAnnotations,
    resource_group: v.object.group,
    resource_api_version: v.object.version,
    resource_kind: v.object.kind,
    resource_namespace: v.object.namespace,
    resource_name: v.object.name,
    resource_labels: v.labels,
  };
  log.info(fields, v.message);
}

/** `constraint_audited`, logged for each constraint with violations. */
export function logConstraintAudited(
  log: AuditLogger,
  auditId: string,
  constraint: { readonly kind: string; readonly name: string; readonly enforcementAction: string },
  totalViolations: number,
): void {
  log.info(
    {
      ...base(auditId, "constraint_audited"),
      constraint_group: CONSTRAINTS_GROUP,
      constraint_api_version: CONSTRAINTS_VERSION,
      constraint_kind: constraint.kind,
      constraint_name: constraint.name,
      constraint_namespace: "",
      constraint_action: constraint.enforcementAction,
      constraint_status: "enforced",
      constraint_violations: String(totalViolations),
    },
    "audit results for constraint",
  );
}
