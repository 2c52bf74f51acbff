import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonValueEnd, skipJsonSpace } from "./json-value-end.js";

/** Whether the whole text is one JSON value by {@link jsonValueEnd}. */
function accepts(text: string): boolean {
  const end = jsonValueEnd(text, skipJsonSpace(text, 0));
  return end >= 0 && skipJsonSpace(text, end) === text.length;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSON texts, compact or indented, with the characters that make JSON hard. */
const jsonText = fc.oneof(
  fc.json(),
  fc
    .tuple(fc.jsonValue(), fc.constantFrom(0, 1, 2, "\t", " \r\n"))
    .map(([v, space]) =>
      JSON.stringify(v, null, typeof space === "string" && space.trim() !== "" ? 0 : space),
    ),
  fc.constantFrom('"\\u00e9\\ud800"', '"\u2028\ud800"', "-0.5e+10", "1E-2", '{"a":[]}', " [ ] "),
);

/** A text with a few characters deleted, replaced or inserted, often JSON's own. */
const damaged = fc
  .tuple(
    jsonText,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom("delete", "replace", "insert"),
        fc.constantFrom(...'{}[]",:\\ -+.eE0123456789tfnu\u0000\u001f\n\tx'),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([text, edits]) => {
    let out = text;
    for (const [at, how, c] of edits) {
      const i = out.length === 0 ? 0 : at % (out.length + 1);
      if (how === "delete") out = out.slice(0, i) + out.slice(i + 1);
      else if (how === "replace") out = out.slice(0, i) + c + out.slice(i + 1);
      else out = out.slice(0, i) + c + out.slice(i);
    }
    return out;
  });

describe("jsonValueEnd", () => {
  it("accepts what JSON.parse accepts", () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        expect(accepts(text), text).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses what JSON.parse refuses, after damage", () => {
    fc.assert(
      fc.property(damaged, (text) => {
        expect(accepts(text), JSON.stringify(text)).toBe(parses(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("ends a value where it ends, inside a longer text", () => {
    const text = '{"managedFields": [{"f:a": {".": {}}}, 1] , "x": 2}';
    const start = text.indexOf("[");
    expect(text.slice(start, jsonValueEnd(text, start))).toBe('[{"f:a": {".": {}}}, 1]');
  });

  it.each([
    "[1,]",
    '{"a":1,}',
    "[01]",
    "[1.]",
    "[.5]",
    "[-]",
    "[1e]",
    '["\\x"]',
    '["\\u12g4"]',
    '["a\u0001"]',
    "[tru]",
    "[nul]",
    '{"a" 1}',
    "{1:2}",
    "[",
    '["a',
    "[1 2]",
  ])("refuses %j", (text) => {
    expect(accepts(text)).toBe(false);
    expect(parses(text)).toBe(false);
  });
});
