import { describe, expect, it } from "vitest";
import { BuiltinError } from "../errors.js";
import { goJsonParse, goJsonUnmarshal, goJsonValid } from "./go-json-parse.js";

describe("goJsonParse (Go's json.Unmarshal)", () => {
  it("keeps big integers exact and the last duplicate key", () => {
    expect(goJsonParse('{"a": 1, "a": 12345678901234567890, "b": [1.5, true, null, "x"]}')).toEqual({
      a: 12345678901234567890n,
      b: [1.5, true, null, "x"],
    });
  });

  it("reports errors as Go does", () => {
    expect(() => goJsonParse("")).toThrow("unexpected end of JSON input");
    expect(() => goJsonParse('  {"a": [1, ')).toThrow("unexpected end of JSON input");
    expect(() => goJsonParse("e")).toThrow("invalid character 'e' looking for beginning of value");
    expect(() => goJsonParse('{"a" 1}')).toThrow("invalid character '1' after object key");
    expect(() => goJsonParse("[1] x")).toThrow("invalid character 'x' after top-level value");
    expect(() => goJsonParse("tru")).toThrow("unexpected end of JSON input");
    expect(() => goJsonParse("trUe")).toThrow("invalid character 'U' in literal true (expecting 'u')");
  });

  it("replaces lone surrogates as Go's UTF-8 strings do", () => {
    expect(goJsonParse('"\\ud800x\\ud83d\\ude00"')).toBe("\ufffdx\u{1f600}");
  });
});

describe("nesting", () => {
  const arrays = (n: number): string => `${"[".repeat(n)}${"]".repeat(n)}`;
  const objects = (n: number): string => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;

  it("reads Go's 10,000 levels of arrays and objects without using the stack", () => {
    let v = goJsonParse(arrays(10_000));
    for (let i = 1; i < 10_000 && Array.isArray(v); i++) v = v[0] ?? null;
    expect(v).toEqual([]);
    expect(goJsonValid(objects(10_000))).toBe(true);
    expect(goJsonValid(` [ {"a": [ [], {}, [1, {"b": null}] ] } , "x" ] `)).toBe(true);
  });

  it("refuses one level more as Go does, however deep the text goes", () => {
    for (const text of [arrays(10_001), objects(10_001), arrays(200_000)]) {
      expect(goJsonValid(text)).toBe(false);
      expect(() => goJsonParse(text)).toThrow(/^invalid character '[[{]' exceeded max depth$/);
      expect(() => goJsonUnmarshal(text)).toThrow(BuiltinError);
    }
  });
});

describe("goJsonUnmarshal (OPA's json.unmarshal)", () => {
  it("says EOF as a streaming decoder does", () => {
    expect(() => goJsonUnmarshal("")).toThrow(new BuiltinError("EOF"));
    expect(() => goJsonUnmarshal('{"a": ')).toThrow(new BuiltinError("unexpected EOF"));
  });
});

describe("goJsonValid", () => {
  it("accepts one value with whitespace around it only", () => {
    // Validity is syntax: a number too large to hold is still valid JSON, as for Go.
    expect(goJsonValid("[5e643391729322250]")).toBe(true);
    expect(() => goJsonParse("[5e643391729322250]")).toThrow("number out of range");
    expect(goJsonValid("01")).toBe(false);
    expect(goJsonValid(' {"a":[]} ')).toBe(true);
    expect(goJsonValid("1 2")).toBe(false);
  });
});
