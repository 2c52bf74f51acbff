import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goQuote } from "./go-quote.js";

describe("goQuote", () => {
  it("quotes like Go's strconv.Quote", () => {
    expect(goQuote("abc")).toBe('"abc"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote("a\nb\tc\x01")).toBe('"a\\nb\\tc\\x01"');
    expect(goQuote("ਊ😀")).toBe('"ਊ😀"');
  });

  it("keeps printable Unicode and escapes control and format characters", () => {
    expect(goQuote("plain [{mtls: {}}]")).toBe('"plain [{mtls: {}}]"');
    expect(goQuote('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
    expect(goQuote("a\nb\tc")).toBe('"a\\nb\\tc"');
    expect(goQuote("\u0000\u007f")).toBe('"\\x00\\x7f"');
    expect(goQuote("héllo ✓ 日本")).toBe('"héllo ✓ 日本"');
    expect(goQuote("\u00a0\u200b")).toBe('"\\u00a0\\u200b"');
  });
});

describe("goQuote on printable ASCII", () => {
  const printable = fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: 40,
  });

  it("quotes as JSON does: only the quote and the backslash escaped", () => {
    fc.assert(fc.property(printable, (s) => goQuote(s) === JSON.stringify(s)));
  });

  it("escapes a newline Go's way and the printable ASCII around it as JSON does", () => {
    fc.assert(
      fc.property(printable, printable, (a, b) => {
        expect(goQuote(`${a}\n${b}`)).toBe(
          `${JSON.stringify(a).slice(0, -1)}\\n${JSON.stringify(b).slice(1)}`,
        );
      }),
    );
  });
});
