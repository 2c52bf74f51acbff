import { describe, expect, it } from "vitest";
import { compileGoRegexp } from "./go-regexp.js";

describe("compileGoRegexp", () => {
  it("reads Go's syntax, which JavaScript's RegExp does not", () => {
    expect(compileGoRegexp("(?P<image>nginx):latest").test("uses nginx:latest")).toBe(true);
    expect(compileGoRegexp(String.raw`\Qa.b\E`).test("a.b")).toBe(true);
    expect(compileGoRegexp(String.raw`\Qa.b\E`).test("axb")).toBe(false);
    expect(compileGoRegexp("a(?i)B").test("ab")).toBe(true);
    expect(compileGoRegexp(String.raw`done\z`).test("done")).toBe(true);
    expect(compileGoRegexp(String.raw`done\z`).test("done\n")).toBe(false);
  });

  it("matches in linear time where a backtracking engine would not finish", () => {
    expect(compileGoRegexp("(a+)+b").test("a".repeat(100_000))).toBe(false);
  });

  it("throws Go's message for a bad pattern", () => {
    expect(() => compileGoRegexp("(")).toThrow("error parsing regexp: missing closing ): `(`");
  });
});
