import type { ProviderItem, ProviderReply } from "@portcullis/constraint";
import { describe, expect, it } from "vitest";
import { MAX_CACHED_ITEMS, ResponseCache } from "./response-cache.js";

function reply(items: readonly ProviderItem[], idempotent = true): ProviderReply {
  return { status: 200, idempotent, items, systemError: "" };
}

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

describe("ResponseCache", () => {
  it("answers from the cache until the entry is older than the ttl", () => {
    const time = clock();
    const cache = new ResponseCache(1000, time.now);
    cache.put(
      "p",
      reply([
        { key: "a", value: { ok: true }, error: "" },
        { key: "b", value: null, error: "nope" },
      ]),
    );
    expect(cache.get("p", "a")).toEqual({ value: { ok: true }, error: "" });
    expect(cache.get("p", "b")).toEqual({ value: null, error: "nope" });
    expect(cache.get("p", "c")).toBeUndefined();
    expect(cache.get("q", "a")).toBeUndefined();
    time.advance(1000);
    expect(cache.get("p", "a")).toBeDefined();
    time.advance(1);
    expect(cache.get("p", "a")).toBeUndefined();
  });

  it("keeps the latest answer for a key", () => {
    const time = clock();
    const cache = new ResponseCache(1000, time.now);
    cache.put("p", reply([{ key: "a", value: 1, error: "" }]));
    time.advance(600);
    cache.put("p", reply([{ key: "a", value: 2, error: "" }]));
    time.advance(600);
    expect(cache.get("p", "a")).toEqual({ value: 2, error: "" });
    expect(cache.size).toBe(1);
  });

  it("caches nothing when the ttl is 0", () => {
    const cache = new ResponseCache(0);
    cache.put("p", reply([{ key: "a", value: 1, error: "" }]));
    expect(cache.get("p", "a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("skips items whose key is not a string", () => {
    const cache = new ResponseCache(1000);
    cache.put(
      "p",
      reply([
        { key: 1, value: 1, error: "" },
        { key: null, value: 2, error: "" },
      ]),
    );
    expect(cache.size).toBe(0);
  });

  it("does not confuse providers and keys", () => {
    const cache = new ResponseCache(1000);
    cache.put("a:b", reply([{ key: "c", value: 1, error: "" }]));
    cache.put("a", reply([{ key: "b:c", value: 2, error: "" }]));
    expect(cache.get("a:b", "c")?.value).toBe(1);
    expect(cache.get("a", "b:c")?.value).toBe(2);
  });

  it("forgets a provider's answers", () => {
    const cache = new ResponseCache(1000);
    cache.put("p", reply([{ key: "a", value: 1, error: "" }]));
    cache.put("q", reply([{ key: "a", value: 2, error: "" }]));
    cache.forgetProvider("p");
    cache.forgetProvider("unknown");
    expect(cache.get("p", "a")).toBeUndefined();
    expect(cache.get("q", "a")?.value).toBe(2);
    expect(cache.size).toBe(1);
  });

  it("drops stale entries when it stores, at most once per ttl", () => {
    const time = clock();
    const cache = new ResponseCache(1000, time.now);
    cache.put("p", reply([{ key: "a", value: 1, error: "" }]));
    time.advance(1001);
    cache.put("p", reply([{ key: "b", value: 1, error: "" }]));
    expect(cache.size).toBe(1);
    time.advance(500);
    cache.put("p", reply([{ key: "c", value: 1, error: "" }]));
    time.advance(600);
    // A ttl since the last prune: b, stale by now, goes.
    cache.put("p", reply([{ key: "d", value: 1, error: "" }]));
    expect(cache.size).toBe(2);
  });

  it("drops the oldest stored entries beyond its cap", () => {
    const cache = new ResponseCache(60_000);
    const items = Array.from({ length: MAX_CACHED_ITEMS }, (_, i) => ({ key: `k${i}`, value: i, error: "" }));
    cache.put("p", reply(items));
    cache.put("p", reply([{ key: "k0", value: "again", error: "" }]));
    cache.put("q", reply([{ key: "new", value: 1, error: "" }]));
    expect(cache.size).toBe(MAX_CACHED_ITEMS);
    expect(cache.get("p", "k0")?.value).toBe("again");
    expect(cache.get("p", "k1")).toBeUndefined();
    expect(cache.get("p", "k2")?.value).toBe(2);
    expect(cache.get("q", "new")?.value).toBe(1);
  });
});
