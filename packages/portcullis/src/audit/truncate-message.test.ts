import { describe, expect, it } from "vitest";
import { truncateMessage } from "./truncate-message.js";

const bytes = (s: string): number => new TextEncoder().encode(s).length;

describe("truncateMessage (Gatekeeper's 256-byte cut)", () => {
  it("keeps messages of at most 256 bytes", () => {
    const m = "a".repeat(256);
    expect(truncateMessage(m)).toBe(m);
    expect(truncateMessage("short")).toBe("short");
  });

  it("cuts a 300-byte ASCII message to its first 253 bytes and ...", () => {
    const m = Array.from({ length: 300 }, (_, i) => String.fromCharCode(97 + (i % 26))).join("");
    const cut = truncateMessage(m);
    expect(cut).toBe(`${m.slice(0, 253)}...`);
    expect(bytes(cut)).toBe(256);
  });

  it("cuts bytes, not characters: a split character becomes one U+FFFD per byte kept, as Go's JSON writes it", () => {
    // 252 ASCII bytes, then "€" (3 bytes: E2 82 AC) straddling the 253-byte cut.
    const m = `${"x".repeat(252)}€${"y".repeat(50)}`;
    expect(truncateMessage(m)).toBe(`${"x".repeat(252)}\uFFFD...`);
    // 251 ASCII bytes: two bytes of "€" are kept.
    const m2 = `${"x".repeat(251)}€${"y".repeat(50)}`;
    expect(truncateMessage(m2)).toBe(`${"x".repeat(251)}\uFFFD\uFFFD...`);
    // A whole character ending exactly at byte 253 is kept.
    const m3 = `${"x".repeat(250)}€${"y".repeat(50)}`;
    expect(truncateMessage(m3)).toBe(`${"x".repeat(250)}€...`);
  });

  it("handles 4-byte characters", () => {
    const m = `${"x".repeat(251)}😀${"y".repeat(10)}`;
    expect(truncateMessage(m)).toBe(`${"x".repeat(251)}\uFFFD\uFFFD...`);
  });
});
