import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromJs } from "./json.js";
import { canonicalKey, compareValues, makeObject, RegoSet, type Value, valuesEqual } from "./value.js";

const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((x) => fromJs(x));
const value: fc.Arbitrary<Value> = fc.oneof(
  jsonValue,
  fc.array(jsonValue, { maxLength: 4 }).map((xs) => new RegoSet(xs)),
  fc.array(fc.tuple(jsonValue, jsonValue), { maxLength: 3 }).map((es) => makeObject(es)),
);

describe("OPA's total order", () => {
  it("ranks types null < boolean < number < string < array < object < set", () => {
    const xs: Value[] = [new RegoSet([1]), {}, [], "a", 1, true, null];
    expect([...xs].sort(compareValues)).toEqual([null, true, 1, "a", [], {}, new RegoSet([1])]);
  });

  it("compares strings by UTF-8 bytes", () => {
    expect(compareValues("\uffff", "\u{10000}")).toBeLessThan(0);
  });

  it("is consistent with equality and canonical keys", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const eq = valuesEqual(a, b);
        expect(compareValues(a, b) === 0).toBe(eq);
        expect(canonicalKey(a) === canonicalKey(b)).toBe(eq);
        expect(Math.sign(compareValues(a, b)) + Math.sign(compareValues(b, a))).toBe(0);
      }),
    );
  });
});

describe("numbers", () => {
  it("treats 1 and 1.0 as one value and keeps big integers exact", () => {
    expect(valuesEqual(1, 1.0)).toBe(true);
    expect(valuesEqual(9007199254740993n, 9007199254740992)).toBe(false);
    expect(new RegoSet([1, 1.0, 2]).size).toBe(2);
  });
});

describe("sets and objects", () => {
  it("find composite members by value", () => {
    const s = new RegoSet([{ a: 1 }, [1, 2], new RegoSet(["x"])]);
    expect(s.has({ a: 1 })).toBe(true);
    expect(s.has([1, 2])).toBe(true);
    expect(s.has(new RegoSet(["x"]))).toBe(true);
    expect(s.has({ a: 2 })).toBe(false);
  });

  it("never read inherited properties of plain objects", () => {
    const o = fromJs(JSON.parse('{"a": 1}'));
    expect(valuesEqual(o, { a: 1 })).toBe(true);
    const rows = makeObject([["constructor", 1]]);
    expect(valuesEqual(rows, { constructor: 1 })).toBe(true);
  });
});
