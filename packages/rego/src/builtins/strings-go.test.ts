import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { replaceAll, trim, trimRight } from "./strings-go.js";

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
