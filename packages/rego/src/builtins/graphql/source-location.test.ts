import { describe, expect, it } from "vitest";
import { LineIndex } from "./source-location.js";

describe("LineIndex", () => {
  it("counts lines on \\n, \\r\\n and \\r and columns in code points", () => {
    const text = "ab\r\ncd\re\nਊ😀x";
    const lines = new LineIndex(text);
    expect(lines.locate(0)).toEqual({ line: 1, column: 1 });
    expect(lines.locate(4)).toEqual({ line: 2, column: 1 });
    expect(lines.locate(7)).toEqual({ line: 3, column: 1 });
    expect(lines.locate(text.indexOf("x"))).toEqual({ line: 4, column: 3 });
    expect(lines.locate(text.length)).toEqual({ line: 4, column: 4 });
  });

  it("places string tokens as gqlparser does", () => {
    const text = '  "abc" """\nx\n"""';
    const lines = new LineIndex(text);
    expect(lines.locateToken("String", 2, 7)).toEqual({ line: 1, column: 4 });
    expect(lines.locateToken("BlockString", 8, text.length)).toEqual({ line: 3, column: 11 - 14 + 1 });
    expect(lines.locateToken("Name", 2, 7)).toEqual({ line: 1, column: 3 });
  });
});
