import { describe, expect, it } from "vitest";
import { MemoKey, ReviewMemo } from "./review-memo.js";

describe("ReviewMemo", () => {
  it("makes each key's value once, on first use", () => {
    let made = 0;
    const key = new MemoKey("k", (from: string) => ({ from, n: ++made }));
    const memo = new ReviewMemo();
    expect(made).toBe(0);
    const first = memo.get(key, "a");
    expect(first).toEqual({ from: "a", n: 1 });
    expect(memo.get(key, "a")).toBe(first);
    expect(made).toBe(1);
  });

  it("keeps keys apart, and reviews apart", () => {
    const a = new MemoKey("a", (s: string) => `a ${s}`);
    const b = new MemoKey("b", (s: string) => `b ${s}`);
    const memo = new ReviewMemo();
    expect(memo.get(a, "x")).toBe("a x");
    expect(memo.get(b, "x")).toBe("b x");
    expect(new ReviewMemo().get(a, "y")).toBe("a y");
  });

  it("keeps an undefined value too", () => {
    let made = 0;
    const key = new MemoKey("u", (): number | undefined => {
      made++;
      return undefined;
    });
    const memo = new ReviewMemo();
    memo.get(key, null);
    memo.get(key, null);
    expect(made).toBe(1);
  });
});
