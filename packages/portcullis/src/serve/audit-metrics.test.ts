import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import type { AuditViolation } from "../audit/violation.js";
import { AuditMetrics, violationsByAction } from "./audit-metrics.js";

const v = (enforcementAction: string): AuditViolation => ({
  constraint: { kind: "K", name: "c" },
  object: { group: "", version: "v1", kind: "Pod", namespace: "default", name: "p" },
  message: "m",
  enforcementAction,
  enforcementActions: [],
  details: {},
  labels: {},
  constraintAnnotations: {},
});

describe("audit metrics", () => {
  it("counts violations by enforcement action, unknown ones as unrecognized", () => {
    expect(Object.fromEntries(violationsByAction([v("deny"), v("deny"), v("scoped"), v("block")]))).toEqual({
      deny: 2,
      dryrun: 0,
      warn: 0,
      scoped: 1,
      unrecognized: 1,
    });
  });

  it("exposes Gatekeeper's audit metric names", async () => {
    const registry = new Registry();
    new AuditMetrics(registry).observe({
      auditId: "2026-01-01T00:00:00Z",
      startedAt: Date.UTC(2026, 0, 1),
      finishedAt: Date.UTC(2026, 0, 1) + 1500,
      objectsReviewed: 1,
      constraints: [],
      violations: [v("deny")],
      problems: [],
    });
    const text = await registry.metrics();
    expect(text).toContain('gatekeeper_violations{enforcement_action="deny"} 1');
    expect(text).toContain('gatekeeper_violations{enforcement_action="warn"} 0');
    expect(text).toContain("gatekeeper_audit_duration_seconds_sum 1.5");
    expect(text).toContain(`gatekeeper_audit_last_run_time ${Date.UTC(2026, 0, 1) / 1000}`);
    expect(text).toContain(`gatekeeper_audit_last_run_end_time ${Date.UTC(2026, 0, 1) / 1000 + 1.5}`);
  });
});
