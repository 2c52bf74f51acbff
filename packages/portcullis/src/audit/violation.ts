import type { ConstraintRef, ObjectRef, StatusViolation } from "../api/shapes.js";
import { compareGoStrings } from "./go-string-order.js";
import { truncateMessage } from "./truncate-message.js";

/** API group and version of the constraints audit writes status to. */
export const CONSTRAINTS_GROUP = "constraints.gatekeeper.sh";
export const CONSTRAINTS_VERSION = "v1beta1";

export type { ConstraintRef, ObjectRef } from "../api/shapes.js";

/** One violation found by an audit, uncapped and with the full message. */
export interface AuditViolation {
  readonly constraint: ConstraintRef;
  readonly object: ObjectRef;
  /** The template's message, not cut. */
  readonly message: string;
  /** The constraint's enforcementAction (`scoped` for scoped constraints). */
  readonly enforcementAction: string;
  /** For scoped constraints, the actions at `audit.gatekeeper.sh`; else empty. */
  readonly enforcementActions: readonly string[];
  readonly details: unknown;
  /** The object's labels, for the audit log. */
  readonly labels: Readonly<Record<string, string>>;
  /** The constraint's annotations (without kubectl's last-applied-configuration), for the audit log. */
  readonly constraintAnnotations: Readonly<Record<string, string>>;
}

/** The `status.violations` entry Gatekeeper writes for a violation: message cut at 256 bytes. */
export function toStatusViolation(v: AuditViolation): StatusViolation {
  return {
    enforcementAction: v.enforcementAction,
    ...(v.enforcementActions.length > 0 ? { enforcementActions: [...v.enforcementActions] } : {}),
    group: v.object.group,
    kind: v.object.kind,
    message: truncateMessage(v.message),
    name: v.object.name,
    ...(v.object.namespace !== "" ? { namespace: v.object.namespace } : {}),
    version: v.object.version,
  };
}

/**
 * Where `toStatusViolation(v)` falls against `s` in Gatekeeper's order
 * (`compareStatusViolations`), without building it: the message is cut only when everything
 * before it is equal.
 */
export function compareToStatus(v: AuditViolation, s: StatusViolation): number {
  const o = v.object;
  return (
    compareGoStrings(o.group, s.group) ||
    compareGoStrings(o.version, s.version) ||
    compareGoStrings(o.kind, s.kind) ||
    compareGoStrings(o.namespace, s.namespace ?? "") ||
    compareGoStrings(o.name, s.name) ||
    compareGoStrings(truncateMessage(v.message), s.message) ||
    compareGoStrings(v.enforcementAction, s.enforcementAction)
  );
}

/** True when the violation denies (action `deny`, or scoped with `deny` at audit). */
export function isDenyViolation(v: AuditViolation): boolean {
  return (
    v.enforcementAction === "deny" ||
    (v.enforcementAction === "scoped" && v.enforcementActions.includes("deny"))
  );
}
