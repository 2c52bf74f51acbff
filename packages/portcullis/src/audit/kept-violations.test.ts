import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeptViolations } from "./kept-violations.js";
import { compareStatusViolations, type StatusViolation } from "./status-violation.js";

const sv = (
  group: string,
  kind: string,
  namespace: string,
  name: string,
  message = "m",
): StatusViolation => ({
  enforcementAction: "deny",
  group,
  kind,
  message,
  name,
  ...(namespace !== "" ? { namespace } : {}),
  version: "v1",
});

describe("KeptViolations (Gatekeeper's bounded max-heap)", () => {
  it("keeps the smallest and yields them largest first, like Gatekeeper's LimitQueue test", () => {
    const crb = sv("rbac.authorization.k8s.io", "ClusterRoleBinding", "", "");
    const sar = sv("authorization.k8s.io", "SubjectAccessReview", "", "");
    const rb = sv("rbac.authorization.k8s.io", "RoleBinding", "", "");
    const q = new KeptViolations(2);
    q.push(crb);
    q.push(sar);
    q.push(rb);
    expect(q.descending()).toEqual([crb, sar]);
  });

  it("matches sort-then-take-the-first-N, reversed", () => {
    const arb = fc.record({
      group: fc.constantFrom("", "apps", "networking.k8s.io"),
      kind: fc.constantFrom("Pod", "Deployment", "Ingress"),
      namespace: fc.constantFrom("", "a", "b"),
      name: fc.string({ maxLength: 3 }),
      message: fc.string({ maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 80 }), fc.integer({ min: 0, max: 25 }), (items, limit) => {
        const vs = items.map((i) => sv(i.group, i.kind, i.namespace, i.name, i.message));
        const q = new KeptViolations(limit);
        for (const v of vs) q.push(v);
        const expected = [...vs].sort(compareStatusViolations).slice(0, limit).reverse();
        expect(q.descending()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
