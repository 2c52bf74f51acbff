import { compareGoStrings } from "./go-string-order.js";

/**
 * One entry of a constraint's `status.violations`, as Gatekeeper writes it. Keys are in the order
 * Go serializes the status map (alphabetical); `namespace` and `enforcementActions` are left out
 * when empty.
 */
export interface StatusViolation {
  enforcementAction: string;
  enforcementActions?: string[];
  group: string;
  kind: string;
  message: string;
  name: string;
  namespace?: string;
  version: string;
}

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
