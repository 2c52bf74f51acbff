import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { replace, replaceAll, trim, trimRight } from "./strings-go.js";

/** Go's Replacer said plainly: at each position, the first pair in order whose old string is there. */
function replacerSpec(s: string, pairs: readonly (readonly [string, string])[]): string {
  let out = "";
  let i = 0;
  let prevEmpty = false;
  for (;;) {
    const hit = pairs.find(([old]) => (old === "" ? !prevEmpty : s.startsWith(old, i)));
    if (hit !== undefined) {
      out += hit[1];
      i += hit[0].length;
      prevEmpty = hit[0] === "";
      continue;
    }
    if (i >= s.length) return out;
    const step = (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    out += s.slice(i, i + step);
    i += step;
    prevEmpty = false;
  }
}

describe("replaceAll (strings.NewReplacer)", () => {
  const text = fc.array(fc.constantFrom("a", "b", "ab", "😀", "é"), { maxLength: 10 }).map((p) => p.join(""));
  const pair = fc.tuple(fc.oneof(text, fc.constant("")), fc.constantFrom("", "x", "$&", "yy"));

  it("replaces as Go's Replacer does, empty old strings included", () => {
    fc.assert(
      fc.property(text, fc.array(pair, { maxLength: 6 }), (s, pairs) => {
        expect(replaceAll(s, pairs)).toBe(replacerSpec(s, pairs));
      }),
      { numRuns: 3000 },
    );
  });

  it("looks only at the pairs that can start where it is", () => {
    const pairs = Array.from({ length: 20_000 }, (_, i): [string, string] => [`<${i}>`, "y"]);
    const s = Array.from({ length: 20_000 }, (_, i) => `<${i}>`).join("");
    expect(replaceAll(s, pairs)).toBe("y".repeat(20_000));
  });
});

describe("trim and trimRight (strings.Trim, strings.TrimRight)", () => {
  it("drop runs of the cutset's characters", () => {
    expect(trim(`"'a"b'"`, "\"'")).toBe('a"b');
    expect(trim("''''", "'")).toBe("");
    expect(trimRight("abc===", "=")).toBe("abc");
    expect(trimRight("😀x😀😀", "😀")).toBe("😀x");
  });
});

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

describe("replace (strings.Replace)", () => {
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
          expect(replace(s, old, neu, n)).toBe(replaceSpec(s, old, neu, n));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("replaces 100,000 instances in one pass", () => {
    const s = "a,".repeat(100_000);
    expect(replace(s, ",", ";", -1)).toBe("a;".repeat(100_000));
  });
});
