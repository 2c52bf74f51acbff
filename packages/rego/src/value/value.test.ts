import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromJs } from "./json.js";
import {
  canonicalKey,
  compareStrings,
  compareValues,
  isPlainObject,
  makeObject,
  RegoSet,
  sortedKeys,
  sortStrings,
  type Value,
  valueHash,
  valuesEqual,
} from "./value.js";

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

  it("iterates sets of strings and object keys by UTF-8 bytes", () => {
    const strings = ["\u{10000}", "b", "\uffff", "a"];
    expect(new RegoSet(strings).values()).toEqual(["a", "b", "\uffff", "\u{10000}"]);
    expect(sortedKeys(Object.fromEntries(strings.map((k) => [k, 1])))).toEqual([
      "a",
      "b",
      "\uffff",
      "\u{10000}",
    ]);
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

/** Objects compared the way OPA defines it: sorted entries, key then value, pair by pair. */
function compareBySortedEntries(a: Value, b: Value): number {
  if (!isPlainObject(a) || !isPlainObject(b)) return compareValues(a, b);
  const ka = Object.keys(a).sort(compareStrings);
  const kb = Object.keys(b).sort(compareStrings);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const x = ka[i] as string;
    const y = kb[i] as string;
    const c = compareStrings(x, y) || compareBySortedEntries(a[x] as Value, b[y] as Value);
    if (c !== 0) return c;
  }
  return ka.length - kb.length;
}

describe("object order", () => {
  // Small key and value pools, so that objects often share keys and differ in a few values.
  const key = fc.constantFrom("a", "b", "c", "\uffff", "\u{10000}", "name");
  const leaf = fc.oneof(
    fc.constantFrom(0, 1, "x", "y", null),
    fc.array(fc.constantFrom(1, 2), { maxLength: 2 }),
  );
  const object = fc.dictionary(key, fc.oneof(leaf, fc.dictionary(key, leaf, { maxKeys: 3 })), { maxKeys: 5 });
  const similarPair = object.chain((a) =>
    fc.tuple(
      fc.constant(a),
      fc.dictionary(key, leaf, { maxKeys: 2 }).map((patch) => ({ ...a, ...patch })),
    ),
  );

  it("matches the sorted-entries definition, with or without the same keys", () => {
    fc.assert(
      fc.property(fc.oneof(similarPair, fc.tuple(object, object)), ([a, b]) => {
        const x = fromJs(a);
        const y = fromJs(b);
        expect(Math.sign(compareValues(x, y))).toBe(Math.sign(compareBySortedEntries(x, y)));
      }),
      { numRuns: 2000 },
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

describe("hash codes", () => {
  it("are equal for equal values", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        if (valuesEqual(a, b)) expect(valueHash(a)).toBe(valueHash(b));
      }),
    );
    expect(valueHash(9007199254740992n)).toBe(valueHash(9007199254740992));
    expect(valueHash(-0)).toBe(valueHash(0));
    expect(valueHash({ a: 1, b: [2] })).toBe(valueHash({ b: [2], a: 1 }));
  });

  it("let sets tell apart members whose codes collide", () => {
    // Two strings whose FNV-1a codes are equal, so the objects holding them share a code too.
    const x = { msg: "m15pvu" };
    const y = { msg: "m1c3ea" };
    expect(valueHash(x)).toBe(valueHash(y));
    const s = new RegoSet([{ msg: "a" }, { msg: "b" }, x, { msg: "c" }]);
    expect(s.add(y)).toBe(true);
    expect(s.add({ msg: "m1c3ea" })).toBe(false);
    expect(s.add({ msg: "m15pvu" })).toBe(false);
    expect(s.size).toBe(5);
    expect(s.find({ msg: "m1c3ea" })).toBe(y);
    expect(s.has({ msg: "m15pvv" })).toBe(false);
    expect(s.values()).toEqual([{ msg: "a" }, { msg: "b" }, { msg: "c" }, x, y]);
  });

  it("tell apart long strings that differ only in the middle", () => {
    const long = (c: string) => `${"a".repeat(40)}${c}${"b".repeat(40)}`;
    expect(valueHash(long("x"))).toBe(valueHash(long("y")));
    const s = new RegoSet(["p", "q", "r", "s", "t"].map((c) => ({ msg: long(c) })));
    expect(s.size).toBe(5);
    expect(s.has({ msg: long("t") })).toBe(true);
    expect(s.has({ msg: long("u") })).toBe(false);
  });

  it("tell apart members that differ only deep down", () => {
    const deep = (n: number) => ({ a: { b: { c: n } } });
    const s = new RegoSet([deep(1), deep(2), deep(3), deep(2)]);
    expect(valueHash(deep(1))).toBe(valueHash(deep(2)));
    expect(s.size).toBe(3);
    expect(s.has(deep(3))).toBe(true);
    expect(s.has(deep(4))).toBe(false);
  });

  it("keep sets of any size equal to a list without duplicates", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 24 }), (xs) => {
        const distinct: Value[] = [];
        for (const v of xs) if (!distinct.some((d) => valuesEqual(d, v))) distinct.push(v);
        const s = new RegoSet(xs);
        expect(s.size).toBe(distinct.length);
        for (const v of xs) expect(s.has(v)).toBe(true);
        expect(s.values()).toEqual([...distinct].sort(compareValues));
      }),
      { numRuns: 500 },
    );
  });
});

describe("sortStrings", () => {
  const utf8 = new TextEncoder();
  const byBytes = (a: string, b: string): number => Buffer.compare(utf8.encode(a), utf8.encode(b));
  // Short strings from a few characters, among them surrogates and units from U+E000 up, so that
  // ties, shared prefixes and UTF-8 order all occur.
  const text = fc
    .array(fc.constantFrom("a", "b", "B", "~", "é", "\uffff", "\ue000", "😀", "\ud7ff"), { maxLength: 4 })
    .map((cs) => cs.join(""));

  it("orders lists short and long as OPA does, by UTF-8 bytes", () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 24 }), (xs) => {
        expect(sortStrings([...xs])).toEqual([...xs].sort(byBytes));
      }),
      { numRuns: 1000 },
    );
  });
});
