import { CelScalar, celList, celMap, celUint, listType } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { fromJson } from "./json-values.js";
import { QUANTITY } from "./lib-quantity.js";
import { celEquals, intEqualsDouble } from "./values-equal.js";

describe("celEquals", () => {
  it("compares numbers across int, uint and double exactly", () => {
    expect(celEquals(1n, 1)).toBe(true);
    expect(celEquals(1, 1n)).toBe(true);
    expect(celEquals(celUint(1n), 1n)).toBe(true);
    expect(celEquals(celUint(1n), 1.0)).toBe(true);
    expect(celEquals(1n, 1.5)).toBe(false);
    expect(celEquals(2n ** 53n + 1n, 2 ** 53)).toBe(false);
    expect(celEquals(Number.NaN, Number.NaN)).toBe(false);
    expect(intEqualsDouble(3n, 3)).toBe(true);
    expect(intEqualsDouble(3n, Number.POSITIVE_INFINITY)).toBe(false);
  });

  it("never equates values of different types", () => {
    expect(celEquals("1", 1n)).toBe(false);
    expect(celEquals(true, 1n)).toBe(false);
    expect(celEquals(null, 0n)).toBe(false);
    expect(celEquals(celList([]), celMap(new Map()))).toBe(false);
    expect(celEquals(null, null)).toBe(true);
  });

  it("compares lists and maps element by element", () => {
    expect(celEquals(celList([1n, "a"]), celList([1, "a"]))).toBe(true);
    expect(celEquals(celList([1n]), celList([1n, 2n]))).toBe(false);
    expect(celEquals(celMap(new Map([["a", 1n]])), fromJson({ a: 1 }))).toBe(true);
    expect(celEquals(fromJson({ a: [1, { b: 2 }] }), fromJson({ a: [1.0, { b: 2 }] }))).toBe(true);
    expect(celEquals(fromJson({ a: 1 }), fromJson({ b: 1 }))).toBe(false);
  });

  it("compares bytes, types and messages by value", () => {
    expect(celEquals(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(celEquals(new Uint8Array([1]), new Uint8Array([2]))).toBe(false);
    expect(celEquals(CelScalar.INT, CelScalar.INT)).toBe(true);
    expect(celEquals(listType(CelScalar.DYN), listType(CelScalar.STRING))).toBe(true);
    expect(celEquals(CelScalar.INT, CelScalar.UINT)).toBe(false);
    const q = (n: bigint) => QUANTITY.wrap({ nanos: n });
    expect(celEquals(q(1n), q(1n))).toBe(true);
    expect(celEquals(q(1n), q(2n))).toBe(false);
  });
});
