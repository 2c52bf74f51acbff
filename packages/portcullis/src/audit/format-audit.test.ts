import { describe, expect, it } from "vitest";
import { columns, oneLine } from "./format-audit.js";

describe("oneLine", () => {
  it("turns each run of white space holding a line break into one space", () => {
    expect(oneLine("a \n  b\r\n\tc\n\nd")).toBe("a b c d");
    expect(oneLine("\nmessage\n")).toBe(" message ");
  });

  it("leaves white space without a break as it is, however long", () => {
    expect(oneLine("a  \t b")).toBe("a  \t b");
    const spaces = " ".repeat(100_000);
    expect(oneLine(`a${spaces}b\nc`)).toBe(`a${spaces}b c`);
  });
});

describe("columns", () => {
  it("aligns rows under their header", () => {
    expect(columns(["A", "LONGER"], [["xyz", "1"]])).toBe("A     LONGER\nxyz   1\n");
  });
});
