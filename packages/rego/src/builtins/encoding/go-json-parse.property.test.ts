import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goJsonParse, goJsonValid } from "./go-json-parse.js";

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Numbers compared by value: integers past 2^53, exact bigints here, are floats in JSON.parse. */
function byValue(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(byValue);
  if (v !== null && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, byValue(x)]));
  return v;
}

describe("Go's JSON reader against JSON.parse", () => {
  it("reads every JSON text to the same value", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(goJsonValid(text)).toBe(true);
        // A number beyond 10^30103 has no value here (OPA keeps its text); JSON.parse gives Infinity.
        fc.pre(!/[eE][+-]?\d{5,}/.test(text));
        expect(byValue(goJsonParse(text))).toEqual(byValue(JSON.parse(text)));
      }),
      { numRuns: 500 },
    );
  });

  it("accepts exactly the texts JSON.parse accepts", () => {
    const texts = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.json().map((t) => t.slice(0, -1)),
      fc.json().chain((t) => fc.nat(t.length).map((i) => `${t.slice(0, i)}${t.slice(i + 1)}`)),
      fc
        .json()
        .chain((t) =>
          fc
            .tuple(fc.nat(t.length), fc.constantFrom(",", "]", "}", ":", '"', "-", "e", " "))
            .map(([i, c]) => `${t.slice(0, i)}${c}${t.slice(i)}`),
        ),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(goJsonValid(text)).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });
});
