import { describe, expect, it } from "vitest";
import { pageInfo, parseOffset } from "./paging.js";

describe("pageInfo", () => {
  it("labels the first, a middle and the last page", () => {
    expect(pageInfo(0, 50, 312)).toEqual({ label: "1–50 of 312", previous: null, next: 50 });
    expect(pageInfo(100, 50, 312)).toEqual({ label: "101–150 of 312", previous: 50, next: 150 });
    expect(pageInfo(300, 12, 312)).toEqual({ label: "301–312 of 312", previous: 250, next: null });
  });

  it("has no links when everything fits on one page or there is nothing", () => {
    expect(pageInfo(0, 7, 7)).toEqual({ label: "1–7 of 7", previous: null, next: null });
    expect(pageInfo(0, 0, 0)).toEqual({ label: "0 of 0", previous: null, next: null });
  });

  it("never points before the start from an offset that is not a page boundary", () => {
    expect(pageInfo(20, 50, 312).previous).toBe(0);
  });

  it("points a page past the end back to the last page", () => {
    expect(pageInfo(400, 0, 312)).toEqual({ label: "none from 401 of 312", previous: 300, next: null });
    expect(pageInfo(50, 0, 50).previous).toBe(0);
  });
});

describe("parseOffset", () => {
  it("reads non-negative integers and nothing else", () => {
    expect(parseOffset("150")).toBe(150);
    expect(parseOffset("0")).toBe(0);
    for (const bad of [null, undefined, "", "-1", "1.5", "1e3", "abc", "99999999999"])
      expect(parseOffset(bad)).toBe(0);
  });
});
