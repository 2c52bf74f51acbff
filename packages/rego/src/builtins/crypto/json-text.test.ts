import { describe, expect, it } from "vitest";
import { goJsonValid } from "../encoding/go-json-parse.js";
import { parseJsonText } from "./json-text.js";

describe("parseJsonText", () => {
  it("keeps big integers exact and the last duplicate key", () => {
    expect(parseJsonText('{"a": 1, "a": 12345678901234567890, "b": [1.5, true, null, "x"]}')).toEqual({
      a: 12345678901234567890n,
      b: [1.5, true, null, "x"],
    });
  });

  it("reports errors as Go does", () => {
    expect(() => parseJsonText("")).toThrow("unexpected end of JSON input");
    expect(() => parseJsonText("e")).toThrow("invalid character 'e' looking for beginning of value");
    expect(() => parseJsonText('{"a" 1}')).toThrow("invalid character '1' after object key");
    expect(() => parseJsonText("[1] x")).toThrow("invalid character 'x' after top-level value");
    expect(goJsonValid("01")).toBe(false);
    expect(goJsonValid(' {"a":[]} ')).toBe(true);
  });
});
