import { describe, expect, it } from "vitest";
import { goQuote } from "./go-quote.js";

describe("goQuote", () => {
  it("quotes like Go's strconv.Quote", () => {
    expect(goQuote("abc")).toBe('"abc"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote("a\nb\tc\x01")).toBe('"a\\nb\\tc\\x01"');
    expect(goQuote("ਊ😀")).toBe('"ਊ😀"');
  });
});
