import { describe, expect, it } from "vitest";
import { isFiltered, NO_FILTER, parseState, readFilter, violationsQuery } from "./violation-filter.js";

describe("violationsQuery", () => {
  it("sends only the state, limit and offset when nothing is filtered", () => {
    expect(violationsQuery(NO_FILTER, 50, 0)).toBe("state=open&limit=50&offset=0");
  });

  it("sends each set filter once, percent-encoded, and no empty one", () => {
    const q = violationsQuery(
      { ...NO_FILTER, constraint: "a&b", text: "50% off", namespace: "", state: "all" },
      50,
      100,
    );
    const params = new URLSearchParams(q);
    expect([...params.keys()].sort()).toEqual(["constraint", "limit", "offset", "state", "text"]);
    expect(params.get("constraint")).toBe("a&b");
    expect(params.get("text")).toBe("50% off");
    expect(params.get("state")).toBe("all");
    expect(params.get("offset")).toBe("100");
    expect(q).not.toContain("a&b");
  });
});

describe("readFilter", () => {
  it("trims values, treats missing ones as not set and defaults the state to open", () => {
    const values: Record<string, string> = {
      namespace: "  team-a ",
      kind: "",
      action: "warn",
      state: "bogus",
    };
    expect(readFilter((k) => values[k])).toEqual({ ...NO_FILTER, namespace: "team-a", action: "warn" });
  });

  it("reads the states it knows", () => {
    expect(parseState("resolved")).toBe("resolved");
    expect(parseState("all")).toBe("all");
    expect(parseState(null)).toBe("open");
  });
});

describe("isFiltered", () => {
  it("is false only for the default filter", () => {
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, state: "all" })).toBe(true);
    expect(isFiltered({ ...NO_FILTER, kind: "Pod" })).toBe(true);
  });
});
