import { describe, expect, it } from "vitest";
import type { Value } from "../value/value.js";
import { BuiltinError } from "./errors.js";
import { regexBuiltins } from "./regex.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]): Value | undefined => callBuiltin(regexBuiltins, name, ...args);

describe("regex builtins", () => {
  it("matches, and reports Go's parse errors", () => {
    expect(call("regex.match", "^[a-z]+\\[[0-9]+\\]$", "foo[1]")).toBe(true);
    expect(call("regex.match", "", "x")).toBe(true);
    expect(call("re_match", "^$", "something")).toBe(false);
    expect(() => call("regex.match", "$^[[[", "x")).toThrow("error parsing regexp: missing closing ]: `[[[`");
    expect(call("regex.is_valid", "a(b")).toBe(false);
    expect(call("regex.is_valid", 1)).toBe(false);
    expect(call("regex.is_valid", "(?i)a")).toBe(true);
  });

  it("finds matches as Go's FindAll does", () => {
    expect(call("regex.find_n", "a.", "paranormal", -1)).toEqual(["ar", "an", "al"]);
    expect(call("regex.find_n", "a.", "paranormal", 2)).toEqual(["ar", "an"]);
    expect(call("regex.find_n", "a.", "paranormal", 0)).toEqual([]);
    expect(call("regex.find_n", "a|", "baaa", -1)).toEqual(["", "a", "a", "a"]);
    expect(call("regex.find_n", "x*", "😀x", -1)).toEqual(["", "x"]);
    expect(call("regex.find_all_string_submatch_n", "a(x)?(b)", "abaxb", -1)).toEqual([
      ["ab", "", "b"],
      ["axb", "x", "b"],
    ]);
    expect(() => call("regex.find_n", "a", "a", 1.5)).toThrow("operand 3 must be integer number");
  });

  it("splits as Go's Regexp.Split does", () => {
    expect(call("regex.split", "a", "banana")).toEqual(["b", "n", "n", ""]);
    expect(call("regex.split", "z+", "pizza")).toEqual(["pi", "a"]);
    expect(call("regex.split", "^[a-z]+\\[[0-9]+\\]$", "")).toEqual([""]);
    expect(call("regex.split", "", "abc")).toEqual(["a", "b", "c"]);
  });

  it("replaces with Go's expansion", () => {
    expect(call("regex.replace", "-wy-wxxy-", "w(x*)y", "0")).toBe("-0-0-");
    expect(call("regex.replace", "foo", "(foo)", "$1$1")).toBe("foofoo");
    expect(call("regex.replace", "foo", "^[a-z]", "F")).toBe("Foo");
    expect(call("regex.replace", "foo bar", "(?P<w>[a-z]+)", "<$" + "{w}>")).toBe("<foo> <bar>");
    expect(call("regex.replace", "ab", "(a)", "$1x|$$|$")).toBe("|$|$b");
    expect(call("regex.replace", "abc", "x*", "-")).toBe("-a-b-c-");
  });

  it("matches templates", () => {
    expect(call("regex.template_match", "urn:foo:{.*}", "urn:foo:bar:baz", "{", "}")).toBe(true);
    expect(call("regex.template_match", "urn:foo.<[0-9]{2}>", "urn:foo.12", "<", ">")).toBe(true);
    expect(call("regex.template_match", "urn:foo.<[0-9]{2}>", "urn:fooX12", "<", ">")).toBe(false);
    expect(() => call("regex.template_match", "urn:{x", "u", "{", "}")).toThrow(
      'unbalanced braces in "urn:{x"',
    );
    expect(() => call("regex.template_match", "x", "x", "{{", "}")).toThrow(
      "start delimiter has to be exactly one character long but is 2 long",
    );
  });

  it("intersects globs as glob-intersection does", () => {
    expect(call("regex.globs_match", "a.a.[0-9]+z", ".b.b2359825792*594823z")).toBe(true);
    expect(call("regex.globs_match", "[a-z]+", "[0-9]*")).toBe(false);
    expect(call("regex.globs_match", "[a-z]+\\[[0-9]+\\]", "foo\\[1\\]")).toBe(true);
    expect(call("regex.globs_match", "[a-z]+\\[[0-9]+\\]", 'foo["bar"]')).toBe(false);
    expect(call("regex.globs_match", "b.*", "bar")).toBe(true);
    expect(call("regex.globs_match", "a*", "b*")).toBe(false);
    expect(() => call("regex.globs_match", "pqrs]", "[a-b]+")).toThrow(
      "input:pqrs], pos:5, set-close ']' with no preceding '[': the input provided is invalid",
    );
    expect(() => call("regex.globs_match", "*a", "a")).toThrow(BuiltinError);
    expect(() => call("regex.globs_match", "[b-a]", "a")).toThrow(
      "range is out of order: 'a' comes before 'b' in Unicode",
    );
    expect(() => call("regex.globs_match", "[ab", "a")).toThrow("found [ without matching ]");
  });
});
