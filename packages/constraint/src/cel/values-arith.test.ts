import { type CelResult, celList, isCelError, isCelList } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { listItems } from "./list-values.js";
import {
  addValues,
  divideValues,
  moduloValues,
  multiplyValues,
  negateValue,
  subtractValues,
} from "./values-arith.js";

const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);

function message(r: CelResult | undefined): string | undefined {
  return isCelError(r) ? r.message : undefined;
}

describe("arithmetic", () => {
  it("checks 64-bit overflow on ints", () => {
    expect(addValues(MAX - 1n, 1n)).toBe(MAX);
    expect(message(addValues(MAX, 1n))).toBe("int overflow during _+_");
    expect(message(subtractValues(MIN, 1n))).toBe("int overflow during _-_");
    expect(message(multiplyValues(MAX, 2n))).toBe("int overflow during _*_");
    expect(message(divideValues(MIN, -1n))).toBe("int overflow during divide by -1");
    expect(message(negateValue(MIN))).toBe("int overflow during type conversion");
  });

  it("divides ints toward zero and reports division by zero", () => {
    expect(divideValues(-7n, 2n)).toBe(-3n);
    expect(moduloValues(-7n, 2n)).toBe(-1n);
    expect(message(divideValues(1n, 0n))).toBe("int divide by zero");
    expect(message(moduloValues(1n, 0n))).toBe("int modulus by zero");
    expect(divideValues(1, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it("adds strings and lists; leaves other types to the library", () => {
    expect(addValues("a", "b")).toBe("ab");
    const a = celList([1n]);
    const empty = celList([]);
    expect(addValues(a, empty)).toBe(a);
    expect(addValues(empty, a)).toBe(a);
    const both = addValues(a, celList([2n]));
    expect(isCelList(both) ? listItems(both) : both).toEqual([1n, 2n]);
    expect(addValues(1n, 1)).toBeUndefined();
    expect(addValues("a", 1n)).toBeUndefined();
    expect(moduloValues(1.5, 1)).toBeUndefined();
    expect(negateValue("a")).toBeUndefined();
  });
});
