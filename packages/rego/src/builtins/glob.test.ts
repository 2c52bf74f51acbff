import { describe, expect, it } from "vitest";
import type { Value } from "../value/value.js";
import { globBuiltins } from "./glob.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]): Value | undefined => callBuiltin(globBuiltins, name, ...args);

describe("glob builtins", () => {
  const cases: [string, Value, string, boolean][] = [
    ["*.github.com", ["."], "api.github.com", true],
    ["api.**.com", ["."], "api.cdn.github.com", true],
    ["*:github:com", [":"], "api:github:com", true],
    ["*.github.com", ["."], "api.not-github.com", false],
    ["[abc]at", [], "cat", true],
    ["[!abc]at", [], "cat", false],
    ["[a-c]at", [], "bat", true],
    ["[!a-c]at", [], "fat", true],
    ["?at", [], "at", false],
    ["?at", ["f"], "fat", false],
    ["{cat,bat,[fr]at}", [], "rat", true],
    ["{cat,bat,[fr]at}", [], "at", false],
    ["*", [], "foo.bar", false],
    ["*", null, "foo.bar", true],
    ["foo*", null, "foo.bar", true],
    ["a\\*b", null, "a*b", true],
    ["a\\*b", null, "axb", false],
    ["{a,b", null, "b", true],
    ["a}", null, "a}", true],
    ["x,y", null, "x,y", true],
    ["{a,{b,c}d}", null, "cd", true],
    ["", null, "", true],
    ["😀?", null, "😀😀", true],
    ["[!.]", ["."], ".", false],
    ["a\nb*", ["."], "a\nbcd", true],
  ];
  for (const [pattern, delims, match, want] of cases) {
    it(`${pattern} ${JSON.stringify(delims)} ${match}`, () => {
      expect(call("glob.match", pattern, delims, match)).toBe(want);
    });
  }

  it("reports gobwas's errors and operand errors", () => {
    expect(() => call("glob.match", "[a", null, "a")).toThrow("unexpected end of input");
    expect(() => call("glob.match", "[a-zA-Z]", null, "a")).toThrow("expected close range character");
    expect(() => call("glob.match", "[]", null, "a")).toThrow("could not parse range");
    expect(() => call("glob.match", "[z-a]", null, "a")).toThrow(
      "hi character 'a' should be greater than lo 'z'",
    );
    expect(() => call("glob.match", "*", "x", "a")).toThrow(
      "operand 2 must be one of {array, null} but got string",
    );
    expect(() => call("glob.match", "*", ["ab"], "a")).toThrow(
      "operand 2 must be array of runes but got array containing string",
    );
    expect(() => call("glob.match", "*", [1], "a")).toThrow(
      "operand 2 must be array of strings but got array containing number",
    );
  });

  it("quotes meta characters", () => {
    expect(call("glob.quote_meta", "*.github.com")).toBe("\\*.github.com");
    expect(call("glob.quote_meta", "[a]{b}?\\")).toBe("\\[a\\]\\{b\\}\\?\\\\");
  });
});
