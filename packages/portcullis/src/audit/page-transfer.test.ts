import { describe, expect, it } from "vitest";
import { jsonExact, packObjects, packPage, unpackObjects, unpackPage } from "./page-transfer.js";
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

function holey(): number[] {
  const items: number[] = [];
  items[0] = 1;
  items[2] = 3;
  return items;
}

describe("pages of objects to a worker", () => {
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", labels: { app: "x" } },
    spec: { containers: [{ name: "c", resources: { limits: { cpu: 0.5 } } }], hostPID: false },
    status: null,
  };

  it("go as JSON text when JSON carries them exactly", () => {
    const packed = packObjects([pod, { kind: "ConfigMap", data: {} }]);
    expect("json" in packed).toBe(true);
    expect(unpackObjects(packed)).toEqual([pod, { kind: "ConfigMap", data: {} }]);
  });

  it.each([
    ["NaN", { spec: { n: Number.NaN } }],
    ["Infinity", { spec: { items: [1, Number.POSITIVE_INFINITY] } }],
    ["an undefined property", { spec: { probe: undefined } }],
    ["undefined in an array", { spec: { items: [1, undefined, 3] } }],
    ["a hole in an array", { spec: { items: holey() } }],
    ["a bigint", { spec: { n: 2n ** 70n } }],
    ["a Date", { metadata: { creationTimestamp: new Date(0) } }],
    ["a Map", { data: new Map([["k", "v"]]) }],
  ])("go as they are with %s, which JSON would change", (_, obj) => {
    expect(jsonExact(obj)).toBe(false);
    const packed = packObjects([pod, obj]);
    expect(packed).toEqual({ objects: [pod, obj] });
    expect(unpackObjects(packed)).toEqual([pod, obj]);
  });

  it("accept objects without a prototype, as YAML or JSON parsers may make them", () => {
    const bare: Record<string, unknown> = Object.create(null);
    bare.kind = "Pod";
    expect(jsonExact({ spec: bare })).toBe(true);
  });
});
