import type { AuditViolation } from "../audit/violation.js";
import type { AuditRecord } from "./violation-store.js";

/** Test fixture: a K8sRequiredLabels violation of the Pod `name` in team-a, with overrides. */
export function violation(name: string, over: Partial<AuditViolation> = {}): AuditViolation {
  return {
    constraint: { kind: "K8sRequiredLabels", name: "must-have-owner" },
    object: { group: "", version: "v1", kind: "Pod", namespace: "team-a", name },
    message: `pod ${name} has no owner`,
    enforcementAction: "deny",
    enforcementActions: [],
    details: { missing: ["owner"] },
    labels: {},
    constraintAnnotations: {},
    ...over,
  };
}

/** Test fixture: an audit started at `at` (ms) that found `violations`. */
export function auditAt(at: number, violations: AuditViolation[]): AuditRecord {
  return {
    auditId: `${new Date(at).toISOString().slice(0, 19)}Z`,
    startedAt: at,
    finishedAt: at + 5,
    objectsReviewed: violations.length,
    constraints: [],
    violations,
  };
}
