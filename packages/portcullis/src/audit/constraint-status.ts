import { KeptViolations } from "./kept-violations.js";
import type { StatusViolation } from "./status-violation.js";
import {
  type AuditViolation,
  CONSTRAINTS_GROUP,
  CONSTRAINTS_VERSION,
  toStatusViolation,
} from "./violation.js";

/** Gatekeeper's `--constraint-violations-limit` default. */
export const DEFAULT_VIOLATIONS_LIMIT = 20;

/** What audit writes into a constraint's `status` (keys in Go's serialized order). */
export interface ConstraintAuditStatus {
  auditTimestamp: string;
  totalViolations: number;
  /** Absent when there is none (Gatekeeper removes the field). */
  violations?: StatusViolation[];
}

/** A constraint with the status audit wrote: `{apiVersion, kind, metadata: {name}, status}`. */
export interface AuditedConstraint {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  status: ConstraintAuditStatus;
}

/** Builds one constraint's audit status from its true count and the violations Gatekeeper kept. */
export function constraintStatus(
  auditTimestamp: string,
  totalViolations: number,
  kept: readonly StatusViolation[],
): ConstraintAuditStatus {
  const status: ConstraintAuditStatus = { auditTimestamp, totalViolations };
  if (kept.length > 0) status.violations = [...kept];
  return status;
}

/**
 * Per-constraint statuses for an audit: every constraint listed gets one (zero violations
 * included), with `totalViolations` the true count and `violations` Gatekeeper's choice and order
 * of at most `limit`. Constraints come out sorted by kind, then name.
 */
export function auditedConstraints(
  constraints: readonly { readonly kind: string; readonly name: string }[],
  violations: Iterable<AuditViolation>,
  auditTimestamp: string,
  limit: number = DEFAULT_VIOLATIONS_LIMIT,
): AuditedConstraint[] {
  const totals = new Map<string, number>();
  const kept = new Map<string, KeptViolations>();
  for (const v of violations) {
    const key = `${v.constraint.kind}/${v.constraint.name}`;
    totals.set(key, (totals.get(key) ?? 0) + 1);
    let heap = kept.get(key);
    if (heap === undefined) {
      heap = new KeptViolations(limit);
      kept.set(key, heap);
    }
    heap.push(toStatusViolation(v));
  }
  const sorted = [...constraints].sort((a, b) =>
    a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind < b.kind ? -1 : 1,
  );
  return sorted.map((c) => {
    const key = `${c.kind}/${c.name}`;
    return {
      apiVersion: `${CONSTRAINTS_GROUP}/${CONSTRAINTS_VERSION}`,
      kind: c.kind,
      metadata: { name: c.name },
      status: constraintStatus(auditTimestamp, totals.get(key) ?? 0, kept.get(key)?.descending() ?? []),
    };
  });
}

/** Gatekeeper's audit id and `auditTimestamp`: the start time in RFC3339, UTC, whole seconds. */
export function auditTimestamp(startMs: number): string {
  return `${new Date(startMs).toISOString().slice(0, 19)}Z`;
}
