import { describe, expect, it } from "vitest";
import { MatchKindOnlySource, matchedKinds } from "./match-kind-only.js";
import { MemorySource } from "./memory-source.js";

const constraint = (kinds: unknown) => ({ object: { spec: { match: { kinds } } } });
const POD = { group: "", version: "v1", kind: "Pod" };
const DEPLOYMENT = { group: "apps", version: "v1", kind: "Deployment" };

describe("matchedKinds", () => {
  it("names the kinds of every constraint, by group when given", () => {
    const test = matchedKinds([
      constraint([{ apiGroups: [""], kinds: ["Pod"] }]),
      constraint([{ apiGroups: ["*"], kinds: ["Deployment"] }]),
    ]);
    expect(test?.(POD)).toBe(true);
    expect(test?.(DEPLOYMENT)).toBe(true);
    expect(test?.({ group: "apps", version: "v1", kind: "Pod" })).toBe(false);
    expect(test?.({ group: "", version: "v1", kind: "Service" })).toBe(false);
  });

  it("matches every kind when a constraint names none, or *", () => {
    expect(matchedKinds([constraint(undefined)])).toBeUndefined();
    expect(matchedKinds([constraint([{ apiGroups: [""], kinds: ["*"] }])])).toBeUndefined();
    expect(matchedKinds([constraint([{ apiGroups: [""] }])])).toBeUndefined();
  });
});

describe("MatchKindOnlySource", () => {
  it("lists only the named kinds, and Namespaces", async () => {
    const source = new MemorySource([
      { apiVersion: "v1", kind: "Pod", metadata: { name: "p" } },
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" } },
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "n" } },
    ]);
    const narrowed = new MatchKindOnlySource(source, () => [
      constraint([{ apiGroups: [""], kinds: ["Pod"] }]),
    ]);
    expect((await narrowed.kinds()).map((k) => k.kind).sort()).toEqual(["Namespace", "Pod"]);
    const all = new MatchKindOnlySource(source, () => [constraint(undefined)]);
    expect((await all.kinds()).map((k) => k.kind).sort()).toEqual(["Deployment", "Namespace", "Pod"]);
  });
});
