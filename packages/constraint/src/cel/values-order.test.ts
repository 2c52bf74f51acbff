import { celUint } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { compareValues, LESS, MORE, NO_ORDER, ORDER_TESTS, SAME, UNORDERED } from "./values-order.js";

describe("compareValues", () => {
  it("orders numbers across types", () => {
    expect(compareValues(1n, 2n)).toBe(LESS);
    expect(compareValues(2n, 1.5)).toBe(MORE);
    expect(compareValues(celUint(3n), 3n)).toBe(SAME);
    expect(compareValues(1, celUint(2n))).toBe(LESS);
    expect(compareValues(Number.NaN, 1n)).toBe(UNORDERED);
  });

  it("orders strings by code units and bools false first", () => {
    expect(compareValues("a", "b")).toBe(LESS);
    expect(compareValues("B", "a")).toBe(LESS);
    expect(compareValues(true, false)).toBe(MORE);
  });

  it("leaves other types to the library", () => {
    expect(compareValues("a", 1n)).toBe(NO_ORDER);
    expect(compareValues(null, null)).toBe(NO_ORDER);
    expect(compareValues(new Uint8Array(), new Uint8Array())).toBe(NO_ORDER);
  });

  it("maps orders to the four operators", () => {
    const t = (op: string, o: Parameters<(typeof ORDER_TESTS)[string]>[0]) => ORDER_TESTS[op]?.(o);
    expect([t("_<_", LESS), t("_<=_", SAME), t("_>_", MORE), t("_>=_", SAME)]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([t("_<_", UNORDERED), t("_<=_", UNORDERED), t("_>_", UNORDERED), t("_>=_", UNORDERED)]).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
