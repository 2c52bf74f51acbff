import { describe, expect, it } from "vitest";
import { formatValue } from "./format.js";
import { RegoSet } from "./value.js";

describe("formatValue", () => {
  it("quotes printable ASCII as JSON and Go both do", () => {
    expect(formatValue('say "hi" \\ <b>&')).toBe('"say \\"hi\\" \\\\ <b>&"');
  });

  it("escapes control characters and DEL as Go's strconv.Quote does", () => {
    expect(formatValue("a\u0001\u0007\b\f\n\r\t\u000b\u007f")).toBe('"a\\x01\\a\\b\\f\\n\\r\\t\\v\\x7f"');
  });

  it("keeps printable Unicode and escapes the rest", () => {
    expect(formatValue("é 😀")).toBe('"é 😀"');
    expect(formatValue("soft\u00adhyphen\u00a0nbsp\u2028")).toBe('"soft\\u00adhyphen\\u00a0nbsp\\u2028"');
  });

  it("quotes strings inside composites the same way", () => {
    expect(formatValue(new RegoSet(["b\u0001", "a"]))).toBe('{"a", "b\\x01"}');
    expect(formatValue({ "k\t": ["v\u007f"] })).toBe('{"k\\t": ["v\\x7f"]}');
  });
});
