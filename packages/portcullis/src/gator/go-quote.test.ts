import { describe, expect, it } from "vitest";
import { goQuote } from "./go-quote.js";

describe("goQuote", () => {
  it("quotes like Go's %q", () => {
    expect(goQuote("plain [{mtls: {}}]")).toBe('"plain [{mtls: {}}]"');
    expect(goQuote('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
    expect(goQuote("a\nb\tc")).toBe('"a\\nb\\tc"');
    expect(goQuote("\u0000\u007f")).toBe('"\\x00\\x7f"');
    expect(goQuote("héllo ✓ 日本")).toBe('"héllo ✓ 日本"');
    expect(goQuote("\u00a0\u200b")).toBe('"\\u00a0\\u200b"');
  });
});
