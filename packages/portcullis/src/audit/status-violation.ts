import type { StatusViolation } from "../api/shapes.js";
import { compareGoStrings } from "./go-string-order.js";

export type { StatusViolation } from "../api/shapes.js";

/**
 * Gatekeeper's order of status violations: by group, version, kind, namespace, name, message and
 * enforcementAction, each compared as Go compares strings.
 */
export function compareStatusViolations(a: StatusViolation, b: StatusViolation): number {
  return (
    compareGoStrings(a.group, b.group) ||
    compareGoStrings(a.version, b.version) ||
    compareGoStrings(a.kind, b.kind) ||
    compareGoStrings(a.namespace ?? "", b.namespace ?? "") ||
    compareGoStrings(a.name, b.name) ||
    compareGoStrings(a.message, b.message) ||
    compareGoStrings(a.enforcementAction, b.enforcementAction)
  );
}
