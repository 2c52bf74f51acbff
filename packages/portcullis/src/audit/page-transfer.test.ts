import { describe, expect, it } from "vitest";
import { packPage, unpackPage } from "./page-transfer.js";
import type { PageReview } from "./review-objects.js";
import type { AuditViolation } from "./violation.js";

function violation(
  obj: string,
  ns: string,
  constraint: string,
  message: string,
  details: unknown = {},
): AuditViolation {
  return {
    constraint: { kind: "K8sRequiredLabels", name: constraint },
    object: { group: "apps", version: "v1", kind: "Deployment", namespace: ns, name: obj },
    message,
    enforcementAction: constraint === "scoped" ? "scoped" : "deny",
    enforcementActions: constraint === "scoped" ? ["warn", "deny"] : [],
    details,
    labels: { app: obj },
    constraintAnnotations: constraint === "a" ? { team: "x" } : {},
  };
}

describe("audit pages across threads", () => {
  it("come back as the same violations, errors and count", () => {
    const page: PageReview = {
      reviewed: 4,
      errors: ["Pod ns/x: bad"],
      violations: [
        violation("web", "prod", "a", "first", { missing: ["owner"] }),
        violation("web", "prod", "scoped", "second"),
        violation("db", "", "a", "third"),
        violation("web", "prod", "a", "again, after another object"),
      ],
    };
    const packed = packPage(page);
    expect("json" in packed).toBe(true);
    expect(unpackPage(packed)).toEqual(page);
  });

  it("go as they are when a value is not JSON", () => {
    const page: PageReview = {
      reviewed: 1,
      errors: [],
      violations: [violation("big", "ns", "a", "m", { n: 2n ** 70n })],
    };
    const packed = packPage(page);
    expect("page" in packed).toBe(true);
    expect(unpackPage(packed)).toEqual(page);
  });

  it("carry an empty page", () => {
    expect(unpackPage(packPage({ reviewed: 0, errors: [], violations: [] }))).toEqual({
      reviewed: 0,
      errors: [],
      violations: [],
    });
  });
});
