import { describe, expect, it } from "vitest";
import { CallCache } from "./call-cache.js";
import { NONE } from "./eval-types.js";

describe("CallCache", () => {
  it("finds results by scalar value and composite identity", () => {
    const cache = new CallCache();
    const obj = { a: 1 };
    const args = ["x", obj];
    cache.set(args, 1);
    args[0] = "y"; // callers reuse their argument arrays
    cache.set(args, 2);
    cache.set([3n, obj], NONE);
    expect(cache.get(["x", obj])).toBe(1);
    expect(cache.get(["y", obj])).toBe(2);
    expect(cache.get([3n, obj])).toBe(NONE);
    expect(cache.get(["x", { a: 1 }])).toBeUndefined();
    expect(cache.get(["z", obj])).toBeUndefined();
  });

  it("keeps the result of a call without arguments", () => {
    const cache = new CallCache();
    expect(cache.get([])).toBeUndefined();
    cache.set([], "v");
    expect(cache.get([])).toBe("v");
  });

  it("stops storing past its bound and keeps what it has", () => {
    const cache = new CallCache();
    for (let i = 0; i < 1000; i++) cache.set([i], i);
    expect(cache.get([0])).toBe(0);
    expect(cache.get([200])).toBe(200);
    expect(cache.get([999])).toBeUndefined();
  });

  it("starts over past its bound when asked to, so recent results are kept", () => {
    const cache = new CallCache(4, true);
    for (let i = 0; i < 6; i++) cache.set([i], i);
    expect(cache.get([0])).toBe(0); // the first call is kept outside the bound
    expect(cache.get([2])).toBeUndefined();
    expect(cache.get([5])).toBe(5);
  });
});
