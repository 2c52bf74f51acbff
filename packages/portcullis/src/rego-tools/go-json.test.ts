import { describe, expect, it } from "vitest";
import { formatGoDuration } from "./go-duration.js";
import { GoStruct, goJson } from "./go-json.js";
import { parseGoDuration } from "./parse-go-duration.js";

describe("goJson", () => {
  it("sorts map keys, keeps struct order and omits undefined struct fields", () => {
    const v = new GoStruct([
      ["value", { b: 1, a: [true, null], "10": "x", "9": "y" }],
      ["text", "t"],
      ["skip", undefined],
    ]);
    expect(goJson(v)).toBe('{"value":{"10":"x","9":"y","a":[true,null],"b":1},"text":"t"}');
  });

  it("indents like encoding/json with empty collections inline", () => {
    expect(goJson({ a: [], b: {}, c: [1] }, "  ")).toBe('{\n  "a": [],\n  "b": {},\n  "c": [\n    1\n  ]\n}');
  });

  it("escapes HTML characters and writes big integers and exponents as Go does", () => {
    expect(goJson("<a> & b")).toBe('"\\u003ca\\u003e \\u0026 b"');
    expect(goJson(12345678901234567890n)).toBe("12345678901234567890");
    expect(goJson(1e-7)).toBe("1e-07");
    expect(goJson(1.5)).toBe("1.5");
  });
});

describe("Go durations", () => {
  it("formats as time.Duration.String", () => {
    expect(formatGoDuration(0)).toBe("0s");
    expect(formatGoDuration(850)).toBe("850ns");
    expect(formatGoDuration(123_456)).toBe("123.456µs");
    expect(formatGoDuration(1_500_000)).toBe("1.5ms");
    expect(formatGoDuration(2_000_000_000)).toBe("2s");
    expect(formatGoDuration(63_500_000_000)).toBe("1m3.5s");
  });

  it("parses flags into milliseconds and rejects bad text", () => {
    expect(parseGoDuration("5s")).toBe(5000);
    expect(parseGoDuration("1m30s")).toBe(90_000);
    expect(parseGoDuration("250ms")).toBe(250);
    expect(() => parseGoDuration("5 seconds")).toThrow(/invalid duration/);
  });
});
