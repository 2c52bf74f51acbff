import { describe, expect, it } from "vitest";
import { matchesQuery, sortByKindAndName } from "./lists.js";

describe("matchesQuery", () => {
  it("matches every item for an empty or blank query", () => {
    expect(matchesQuery("", ["a"])).toBe(true);
    expect(matchesQuery("   ", [])).toBe(true);
  });

  it("needs each word in some field, ignoring case", () => {
    expect(matchesQuery("labels REQUIRED", ["K8sRequiredLabels", "k8srequiredlabels"])).toBe(true);
    expect(matchesQuery("labels owner", ["K8sRequiredLabels", "must-have-team"])).toBe(false);
    expect(matchesQuery("owner deny", ["K8sRequiredLabels", "must-have-owner", "deny"])).toBe(true);
  });
});

describe("sortByKindAndName", () => {
  it("sorts by kind, then name, leaving the input alone", () => {
    const items = [
      { kind: "B", name: "a" },
      { kind: "A", name: "z" },
      { kind: "A", name: "b" },
    ];
    expect(sortByKindAndName(items, (i) => i)).toEqual([
      { kind: "A", name: "b" },
      { kind: "A", name: "z" },
      { kind: "B", name: "a" },
    ]);
    expect(items[0]).toEqual({ kind: "B", name: "a" });
  });
});
