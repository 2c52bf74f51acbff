import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { celCharAt, celIndexOf, celLastIndexOf, celSubstring } from "./lib-strings.js";

/** cel-go's indexOf and lastIndexOf, said over rune arrays. */
function indexSpec(s: string, sub: string, offset: number, last: boolean): number {
  const r = Array.from(s);
  const sr = Array.from(sub);
  const at = (i: number) => sr.every((c, j) => r[i + j] === c);
  if (!last) {
    if (sub === "") return offset;
    if (offset < 0 || offset >= r.length) throw new Error(`index out of range: ${offset}`);
    for (let i = offset; i < r.length - (sr.length - 1); i++) if (at(i)) return i;
    return -1;
  }
  if (sub === "") return offset;
  if (offset < 0 || offset >= r.length) throw new Error(`index out of range: ${offset}`);
  for (let i = Math.min(offset, r.length - sr.length); i >= 0; i--) if (at(i)) return i;
  return -1;
}

/** The outcome of `f`: its value, or its error's message. */
function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e: unknown) {
    return e instanceof Error ? `error: ${e.message}` : e;
  }
}

describe("rune indexes (charAt, indexOf, lastIndexOf, substring)", () => {
  const text = fc.array(fc.constantFrom("a", "b", "😀", "é"), { maxLength: 6 }).map((p) => p.join(""));
  const index = fc.integer({ min: -1, max: 7 });

  it("count runes as cel-go does, with or without surrogates in the string", () => {
    fc.assert(
      fc.property(text, text, index, (s, sub, i) => {
        const n = BigInt(i);
        expect(outcome(() => celIndexOf(s, sub, n))).toEqual(
          outcome(() => BigInt(indexSpec(s, sub, i, false))),
        );
        expect(outcome(() => celLastIndexOf(s, sub, n))).toEqual(
          outcome(() => BigInt(indexSpec(s, sub, i, true))),
        );
        const r = Array.from(s);
        const charAt = i < 0 || i > r.length ? `error: index out of range: ${i}` : (r[i] ?? "");
        expect(outcome(() => celCharAt(s, n))).toEqual(charAt);
        const tail = i < 0 || i > r.length ? `error: index out of range: ${i}` : r.slice(i).join("");
        expect(outcome(() => celSubstring(s, n))).toEqual(tail);
      }),
      { numRuns: 3000 },
    );
  });
});
