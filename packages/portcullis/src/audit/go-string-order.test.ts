import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareGoStrings } from "./go-string-order.js";

function byteOrder(a: string, b: string): number {
  return Math.sign(Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
}

describe("compareGoStrings", () => {
  it("orders like Go's byte-wise comparison of UTF-8", () => {
    expect(compareGoStrings("a", "b")).toBe(-1);
    expect(compareGoStrings("B", "a")).toBe(-1);
    expect(compareGoStrings("ab", "a")).toBe(1);
    expect(compareGoStrings("", "")).toBe(0);
    // UTF-16 puts U+FF5E above U+1F600's surrogates; UTF-8 puts it below.
    expect(compareGoStrings("\uff5e", "😀")).toBe(-1);
  });

  it("agrees with Buffer.compare on random strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        expect(Math.sign(compareGoStrings(a, b))).toBe(byteOrder(a, b));
      }),
      { numRuns: 2000 },
    );
  });
});
