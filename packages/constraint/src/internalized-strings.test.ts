import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withInternalizedStrings } from "./internalized-strings.js";

/** Keys JSON can hold, with the ones plain objects treat specially. */
const key = fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", "0", "80", "-1", "1e3", ""));

const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string({ unit: "grapheme" }),
    fc.constantFrom("0", "80", "__proto__", ""),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie("value")), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
  ),
})).value;

/** Every own key and value, in order, with each object's prototype. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return ["array", v.map(shape)];
  if (v === null || typeof v !== "object") return [typeof v, v];
  return [
    "object",
    Object.getPrototypeOf(v) === Object.prototype,
    Object.entries(v).map(([k, x]) => [k, shape(x)]),
  ];
}

describe("withInternalizedStrings", () => {
  it("copies a JSON value, keys in order and `__proto__` a key, without changing it", () => {
    fc.assert(
      fc.property(json, (value) => {
        // Not toStrictEqual on the values themselves: it compares own `constructor` keys by identity.
        expect(shape(withInternalizedStrings(value))).toStrictEqual(shape(value));
      }),
    );
  });

  it("does not share objects or arrays with what it copies", () => {
    const value = { labels: [{ key: "pizza" }], nested: { list: ["a", "b"] } };
    const copy = withInternalizedStrings(value) as typeof value;
    expect(copy.labels).not.toBe(value.labels);
    expect(copy.labels[0]).not.toBe(value.labels[0]);
    expect(copy.nested.list).not.toBe(value.nested.list);
  });
});
