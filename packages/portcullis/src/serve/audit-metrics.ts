import { Gauge, Histogram, type Registry } from "prom-client";
import type { AuditResult } from "../audit/run-audit.js";
import type { AuditViolation } from "../audit/violation.js";
import { VIOLATION_ACTIONS } from "../metrics/webhook-metrics.js";

const AUDIT_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600];

/**
 * `gatekeeper_violations` label values for an audit's violations: each counted under its
 * constraint's enforcement action, unknown actions under `unrecognized`, every label present.
 */
export function violationsByAction(violations: readonly AuditViolation[]): Map<string, number> {
  const known: ReadonlySet<string> = new Set(VIOLATION_ACTIONS);
  const counts = new Map<string, number>(VIOLATION_ACTIONS.map((a) => [a, 0]));
  for (const v of violations) {
    const action = known.has(v.enforcementAction) ? v.enforcementAction : "unrecognized";
    counts.set(action, (counts.get(action) ?? 0) + 1);
  }
  return counts;
}

/**
 * Gatekeeper's audit metrics on serve's registry: `gatekeeper_violations{enforcement_action}`,
 * `gatekeeper_audit_duration_seconds`, `gatekeeper_audit_last_run_time` (start) and
 * `gatekeeper_audit_last_run_end_time`, both in seconds since the epoch.
 */
export class AuditMetrics {
  private readonly violations: Gauge<"enforcement_action">;
  private readonly duration: Histogram;
  private readonly lastRun: Gauge;
  private readonly lastRunEnd: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.violations = new Gauge({
      name: "gatekeeper_violations",
      help: "Total number of audited violations",
      labelNames: ["enforcement_action"],
      registers,
    });
    this.duration = new Histogram({
      name: "gatekeeper_audit_duration_seconds",
      help: "Latency of audit operation in seconds",
      buckets: AUDIT_BUCKETS,
      registers,
    });
    this.lastRun = new Gauge({
      name: "gatekeeper_audit_last_run_time",
      help: "Timestamp of last audit run starting time",
      registers,
    });
    this.lastRunEnd = new Gauge({
      name: "gatekeeper_audit_last_run_end_time",
      help: "Timestamp of last audit run ending time",
      registers,
    });
  }

  /** Records a completed audit. */
  observe(result: AuditResult): void {
    for (const [action, n] of violationsByAction(result.violations))
      this.violations.set({ enforcement_action: action }, n);
    this.duration.observe((result.finishedAt - result.startedAt) / 1000);
    this.lastRun.set(result.startedAt / 1000);
    this.lastRunEnd.set(result.finishedAt / 1000);
  }
}
