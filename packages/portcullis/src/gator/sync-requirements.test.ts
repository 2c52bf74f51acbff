import { describe, expect, it } from "vitest";
import {
  gvkText,
  parseSyncRequirements,
  SyncRequirementError,
  unmetRequirements,
} from "./sync-requirements.js";

function failure(annotation: string): string {
  try {
    parseSyncRequirements(annotation);
  } catch (e: unknown) {
    if (e instanceof SyncRequirementError) return e.message;
    throw e;
  }
  throw new Error("expected a SyncRequirementError");
}

describe("parseSyncRequirements", () => {
  it("reads the library's quoted annotation: each requirement the union of its clauses' combinations", () => {
    const annotation = `"[
      [
        {"groups": ["extensions"], "versions": ["v1beta1"], "kinds": ["Ingress"]},
        {"groups": ["networking.k8s.io"], "versions": ["v1beta1", "v1"], "kinds": ["Ingress"]}
      ],
      [{"Groups": [""], "versions": ["v1"], "kinds": ["Service"]}]
    ]"
`;
    expect(parseSyncRequirements(annotation).map((r) => r.map(gvkText))).toEqual([
      ["extensions/v1beta1:Ingress", "networking.k8s.io/v1beta1:Ingress", "networking.k8s.io/v1:Ingress"],
      ["/v1:Service"],
    ]);
  });

  it("refuses unknown fields and mistyped lists, as Go's decoder does", () => {
    expect(failure('[[{"groups": [""], "kind": ["Pod"]}]]')).toBe('json: unknown field "kind"');
    expect(failure('[[{"groups": "apps"}]]')).toBe(
      "json: cannot unmarshal string into Go struct field GVKClause.groups of type []string",
    );
    expect(failure("{}")).toBe(
      "json: cannot unmarshal object into Go value of type parser.CompactSyncRequirements",
    );
    expect(failure("[[")).toMatch(/JSON/);
  });
});

describe("unmetRequirements", () => {
  it("keeps the requirements none of whose kinds is synced", () => {
    const reqs = parseSyncRequirements(
      '[[{"groups": [""], "versions": ["v1"], "kinds": ["Service", "Pod"]}], [{"groups": ["apps"], "versions": ["v1"], "kinds": ["Deployment"]}]]',
    );
    expect(unmetRequirements(reqs, new Set(["/v1:Pod"])).map((r) => r.map(gvkText))).toEqual([
      ["apps/v1:Deployment"],
    ]);
  });
});
