import type { AuditedConstraint, ConstraintAuditStatus } from "../api/shapes.js";
import { KeptViolations } from "./kept-violations.js";
import type { StatusViolation } from "./status-violation.js";
import {
  type AuditViolation,
  CONSTRAINTS_GROUP,
  CONSTRAINTS_VERSION,
  type ConstraintRef,
  compareToStatus,
  toStatusViolation,
} from "./violation.js";

/** Gatekeeper's `--constraint-violations-limit` default. */
export const DEFAULT_VIOLATIONS_LIMIT = 20;

export type { AuditedConstraint, ConstraintAuditStatus } from "../api/shapes.js";

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

/** One constraint's count and kept violations. */
interface ConstraintTally {
  total: number;
  readonly kept: KeptViolations;
}

/**
 * Counts an audit's violations per constraint as they come and keeps Gatekeeper's choice of at
 * most `limit` for each, so pages can be taken in while later ones are still being reviewed.
 */
export class StatusTally {
  private readonly tallies = new Map<string, ConstraintTally>();
  // Violations of one constraint mostly share one reference to it.
  private readonly byRef = new WeakMap<ConstraintRef, ConstraintTally>();

  constructor(readonly limit: number = DEFAULT_VIOLATIONS_LIMIT) {}

  /** Takes one violation in. */
  add(v: AuditViolation): void {
    let tally = this.byRef.get(v.constraint);
    if (tally === undefined) {
      const key = `${v.constraint.kind}/${v.constraint.name}`;
      tally = this.tallies.get(key);
      if (tally === undefined) {
        tally = { total: 0, kept: new KeptViolations(this.limit) };
        this.tallies.set(key, tally);
      }
      this.byRef.set(v.constraint, tally);
    }
    tally.total++;
    if (this.limit <= 0) return;
    const bar = tally.kept.bar;
    if (bar === undefined || compareToStatus(v, bar) < 0) tally.kept.push(toStatusViolation(v));
  }

  /**
   * Every constraint listed with its status (zero violations included): `totalViolations` the
   * true count, `violations` Gatekeeper's choice and order. Sorted by kind, then name.
   */
  statuses(
    constraints: readonly { readonly kind: string; readonly name: string }[],
    auditTimestamp: string,
  ): AuditedConstraint[] {
    const sorted = [...constraints].sort((a, b) =>
      a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind < b.kind ? -1 : 1,
    );
    return sorted.map((c) => {
      const tally = this.tallies.get(`${c.kind}/${c.name}`);
      return {
        apiVersion: `${CONSTRAINTS_GROUP}/${CONSTRAINTS_VERSION}`,
        kind: c.kind,
        metadata: { name: c.name },
        status: constraintStatus(auditTimestamp, tally?.total ?? 0, tally?.kept.descending() ?? []),
      };
    });
  }
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
  const tally = new StatusTally(limit);
  for (const v of violations) tally.add(v);
  return tally.statuses(constraints, auditTimestamp);
}

/** Gatekeeper's audit id and `auditTimestamp`: the start time in RFC3339, UTC, whole seconds. */
export function auditTimestamp(startMs: number): string {
  return `${new Date(startMs).toISOString().slice(0, 19)}Z`;
}
