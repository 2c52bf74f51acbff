import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareStatusViolations } from "./status-violation.js";
import { type AuditViolation, compareToStatus, toStatusViolation } from "./violation.js";

const field = fc.constantFrom("", "a", "b", "ab", "é", "\u{1F600}");
// Long messages that differ only past the 253-byte cut compare equal once cut.
const message = fc.oneof(
  field,
  fc
    .tuple(fc.constantFrom("x", "é"), fc.nat(3), fc.constantFrom("", "y", "z"))
    .map(([c, extra, tail]) => c.repeat(260 + extra) + tail),
);
const violation: fc.Arbitrary<AuditViolation> = fc
  .record({
    group: field,
    version: field,
    kind: field,
    namespace: field,
    name: field,
    message,
    action: fc.constantFrom("deny", "warn", "scoped"),
  })
  .map((r) => ({
    constraint: { kind: "K", name: "c" },
    object: { group: r.group, version: r.version, kind: r.kind, namespace: r.namespace, name: r.name },
    message: r.message,
    enforcementAction: r.action,
    enforcementActions: [],
    details: {},
    labels: {},
    constraintAnnotations: {},
  }));

describe("compareToStatus", () => {
  it("orders a violation as its status entry would be ordered", () => {
    fc.assert(
      fc.property(violation, violation, (v, w) => {
        const s = toStatusViolation(w);
        expect(Math.sign(compareToStatus(v, s))).toBe(
          Math.sign(compareStatusViolations(toStatusViolation(v), s)),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
