import { parse } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { boolConstant, callArgs, identName, isIntConstant, listElements, mentions } from "./ast-patterns.js";

const expr = (s: string) => parse(s).expr;

describe("parse-tree patterns", () => {
  it("match identifiers, calls and constants", () => {
    expect(identName(expr("x"))).toBe("x");
    expect(callArgs(expr("a && b"), "_&&_", 2)?.map(identName)).toEqual(["a", "b"]);
    expect(callArgs(expr("a && b"), "_||_", 2)).toBeUndefined();
    expect(callArgs(expr("x.f(a)"), "f", 1)).toBeUndefined();
    expect(boolConstant(expr("true"))).toBe(true);
    expect(isIntConstant(expr("1"), 1n)).toBe(true);
    expect(isIntConstant(expr("1u"), 1n)).toBe(false);
    expect(listElements(expr("[1, 2]"))?.length).toBe(2);
  });

  it("find free occurrences, respecting comprehension scopes", () => {
    expect(mentions(expr("a.b + f(c)"), "c")).toBe(true);
    expect(mentions(expr("{'k': [x]}"), "x")).toBe(true);
    expect(mentions(expr("[1].map(x, x)"), "x")).toBe(false);
    expect(mentions(expr("x.map(x, x)"), "x")).toBe(true);
    expect(mentions(expr("[1].map(y, x)"), "x")).toBe(true);
  });
});
