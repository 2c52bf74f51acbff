import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goReplace } from "./lib-strings.js";

/** Go's strings.Replace said with split and join: the first `n` instances (all when negative). */
function replaceSpec(s: string, old: string, neu: string, n: number): string {
  if (old === "") {
    const runes = Array.from(s);
    const k = n < 0 ? runes.length + 1 : Math.min(n, runes.length + 1);
    let out = "";
    for (let i = 0; i <= runes.length; i++) out += (i < k ? neu : "") + (runes[i] ?? "");
    return out;
  }
  const parts = s.split(old);
  if (n < 0 || parts.length - 1 <= n) return parts.join(neu);
  return `${parts.slice(0, n + 1).join(neu)}${old}${parts.slice(n + 1).join(old)}`;
}

describe("goReplace (strings.Replace)", () => {
  const text = fc
    .array(fc.constantFrom("a", "b", "ab", "😀", "é", "-"), { maxLength: 8 })
    .map((p) => p.join(""));

  it("replaces the first n instances as Go does, an empty old string included", () => {
    fc.assert(
      fc.property(
        text,
        fc.oneof(text, fc.constant("")),
        text,
        fc.integer({ min: -1, max: 5 }),
        (s, old, neu, n) => {
          expect(goReplace(s, old, neu, n)).toBe(replaceSpec(s, old, neu, n));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("replaces 100,000 instances in one pass", () => {
    const s = "a,".repeat(100_000);
    expect(goReplace(s, ",", ";", -1)).toBe("a;".repeat(100_000));
  });
});
