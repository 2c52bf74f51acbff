import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ObjectBuilder, RegoObject, RegoSet, type Value } from "../value/value.js";
import { OperandTypeError } from "./errors.js";
import { objectBuiltins } from "./object.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]) => callBuiltin(objectBuiltins, name, ...args);
const obj = (...entries: [Value, Value][]) => {
  const b = new ObjectBuilder();
  for (const [k, v] of entries) b.set(k, v);
  return b.build();
};
const set = (...xs: Value[]) => new RegoSet(xs);

describe("object.get", () => {
  it("looks up a key, or returns the default", () => {
    expect(call("object.get", { a: "b" }, "a", "c")).toBe("b");
    expect(call("object.get", { a: "b" }, "c", "c")).toBe("c");
    expect(call("object.get", obj([1, 2]), 1, 3)).toBe(2);
    expect(call("object.get", obj([1, 2]), 2, 3)).toBe(3);
    expect(call("object.get", { a: { b: "c" } }, "a", true)).toEqual({ b: "c" });
    expect(call("object.get", { a: { b: "c" } }, "b", true)).toBe(true);
    expect(call("object.get", { a: null }, "a", 1)).toBe(null);
  });

  it("never reads inherited properties", () => {
    expect(call("object.get", {}, "toString", "d")).toBe("d");
    expect(call("object.get", {}, "__proto__", "d")).toBe("d");
    expect(call("object.get", {}, ["constructor"], "d")).toBe("d");
  });

  it("follows array paths through objects, arrays and sets", () => {
    expect(call("object.get", { a: 1 }, [], 2)).toEqual({ a: 1 });
    expect(call("object.get", { a: 1 }, ["a"], 2)).toBe(1);
    expect(call("object.get", { a: { b: 1 } }, ["a", "b"], 2)).toBe(1);
    expect(call("object.get", { a: { b: { c: 1 } } }, ["a", "b", "c"], 2)).toBe(1);
    expect(call("object.get", { a: 1 }, ["b"], 2)).toBe(2);
    expect(call("object.get", { a: { b: 1 } }, ["b", "a"], 2)).toBe(2);
    expect(call("object.get", { a: { b: { c: 1 } } }, ["a", "b", "a"], 2)).toBe(2);
    expect(call("object.get", obj([1, { b: obj([[1, 2, 3], 1]) }]), [1, "b", [1, 2, 3]], 2)).toBe(1);
    expect(call("object.get", { a: { b: [1, 2, 3] } }, ["a", "b", "a"], 2)).toBe(2);
    expect(call("object.get", { a: { b: [{ c: 1 }] } }, ["a", "b", 0, "c"], 2)).toBe(1);
    expect(call("object.get", { a: [1] }, ["a", 1], 2)).toBe(2);
    expect(call("object.get", { a: [1] }, ["a", -1], 2)).toBe(2);
    expect(call("object.get", { a: set("x") }, ["a", "x"], 2)).toBe("x");
    expect(call("object.get", { a: set("x") }, ["a", "y"], 2)).toBe(2);
    expect(call("object.get", { a: "s" }, ["a", 0], 2)).toBe(2);
  });

  it("requires an object", () => {
    expect(() => call("object.get", "object", ["a"], 2)).toThrow(
      new OperandTypeError(1, "must be object but got string"),
    );
  });
});

describe("object.keys", () => {
  it("returns the keys as a set", () => {
    expect((call("object.keys", { a: 1, b: 2 }) as RegoSet).values()).toEqual(["a", "b"]);
    expect((call("object.keys", obj([2, 2], [1, 1])) as RegoSet).values()).toEqual([1, 2]);
    expect((call("object.keys", {}) as RegoSet).size).toBe(0);
    expect(() => call("object.keys", "object")).toThrow("operand 1 must be object but got string");
  });
});

describe("object.union", () => {
  it("merges recursively, the right-hand side winning", () => {
    expect(call("object.union", {}, {})).toEqual({});
    expect(call("object.union", {}, { a: 1 })).toEqual({ a: 1 });
    expect(call("object.union", { a: 1 }, {})).toEqual({ a: 1 });
    expect(call("object.union", { a: 1 }, { b: 2 })).toEqual({ a: 1, b: 2 });
    expect(call("object.union", { a: { b: { c: 1 } } }, { b: 2 })).toEqual({ a: { b: { c: 1 } }, b: 2 });
    expect(call("object.union", { a: 1 }, { a: 2 })).toEqual({ a: 2 });
    expect(call("object.union", { a: 1 }, { a: { b: { c: 1 } }, d: 7 })).toEqual({
      a: { b: { c: 1 } },
      d: 7,
    });
    expect(
      call("object.union", { a: { b: { c: 1 } }, e: 1 }, { a: { b: "foo", b1: "bar" }, d: 7, e: 17 }),
    ).toEqual({
      a: { b: "foo", b1: "bar" },
      d: 7,
      e: 17,
    });
  });

  it("keeps non-string keys", () => {
    const u = call("object.union", obj([1, "x"]), { a: 1 });
    expect(u).toBeInstanceOf(RegoObject);
    expect((u as RegoObject).get(1)).toBe("x");
    expect((u as RegoObject).get("a")).toBe(1);
  });

  it("reports operand types", () => {
    expect(() => call("object.union", [1, 2, 3], { b: 2 })).toThrow("operand 1 must be object but got array");
    expect(() => call("object.union", { a: 1 }, [1, 2, 3])).toThrow("operand 2 must be object but got array");
  });
});

describe("object.union_n", () => {
  it("merges left to right", () => {
    expect(call("object.union_n", [])).toEqual({});
    expect(call("object.union_n", [{ a: 1 }, { b: 2 }, { a: 3 }])).toEqual({ a: 3, b: 2 });
    expect(call("object.union_n", [{ a: { b: 2 } }, { a: 4 }, { a: { c: 3 } }])).toEqual({ a: { c: 3 } });
    expect(call("object.union_n", [{ a: { b: 2 } }, { a: { c: 3 } }])).toEqual({ a: { b: 2, c: 3 } });
    expect(call("object.union_n", [{ a: { b: { x: 1 } } }, { a: { b: 5 } }, { a: { c: 1 } }])).toEqual({
      a: { b: 5, c: 1 },
    });
  });

  it("gives what object.union folded left to right gives", () => {
    const key = fc.constantFrom("a", "b", "c");
    const { tree } = fc.letrec<{ tree: Value }>((tie) => ({
      tree: fc.oneof(
        { depthSize: "small" },
        fc.integer({ min: 0, max: 2 }),
        fc.dictionary(key, tie("tree"), { maxKeys: 3 }),
      ),
    }));
    const objects = fc.array(fc.dictionary(key, tree, { maxKeys: 3 }), { maxLength: 6 });
    fc.assert(
      fc.property(objects, (objs) => {
        const folded = objs.reduce<Value | undefined>((acc, o) => call("object.union", acc ?? {}, o), {});
        expect(call("object.union_n", objs)).toEqual(folded);
      }),
      { numRuns: 1000 },
    );
  });

  it("merges many objects in one pass", () => {
    const objs = Array.from({ length: 20_000 }, (_, i) => ({ [`k${i % 10_000}`]: { [`v${i}`]: i } }));
    const out = call("object.union_n", objs) as Record<string, Record<string, number>>;
    expect(Object.keys(out)).toHaveLength(10_000);
    expect(out.k7).toEqual({ v7: 7, v10007: 10_007 });
  });

  it("requires an array of objects", () => {
    expect(() => call("object.union_n", [{}, 1])).toThrow(
      "operand 1 must be array of objects but got array containing number",
    );
    expect(() => call("object.union_n", { a: 1 })).toThrow("operand 1 must be array but got object");
  });
});

describe("object.remove and object.filter", () => {
  it("removes keys given as an array, set or object", () => {
    const o = { a: 1, b: 2, c: 3 };
    expect(call("object.remove", o, ["a"])).toEqual({ b: 2, c: 3 });
    expect(call("object.remove", o, set("b"))).toEqual({ a: 1, c: 3 });
    expect(call("object.remove", o, { c: "ignored" })).toEqual({ a: 1, b: 2 });
    expect(call("object.remove", o, [])).toEqual(o);
    expect(o).toEqual({ a: 1, b: 2, c: 3 });
    expect(call("object.remove", obj(["a", 1], [[[7]], 2]), set([[7]]))).toEqual({ a: 1 });
  });

  it("keeps only listed keys", () => {
    const o = { a: { b: "x", c: "y" }, d: "z" };
    expect(call("object.filter", o, ["a"])).toEqual({ a: { b: "x", c: "y" } });
    expect(call("object.filter", o, set("d", "e"))).toEqual({ d: "z" });
    expect(call("object.filter", o, { a: 1, d: 2 })).toEqual(o);
    expect(call("object.filter", o, [])).toEqual({});
    const kept = call("object.filter", obj(["a", 1], [[[7]], 2]), set([[7]]));
    expect(kept).toBeInstanceOf(RegoObject);
    expect((kept as RegoObject).get([[7]])).toBe(2);
    expect((kept as RegoObject).size).toBe(1);
  });

  it("reports operand types", () => {
    for (const name of ["object.filter", "object.remove"]) {
      expect(() => call(name, ["a"], ["a"])).toThrow("operand 1 must be object but got array");
      expect(() => call(name, null, ["a"])).toThrow("operand 1 must be object but got null");
      expect(() => call(name, { a: 1 }, "foo")).toThrow(
        "operand 2 must be one of {object, set, array} but got string",
      );
      expect(() => call(name, { a: 1 }, 22)).toThrow(
        "operand 2 must be one of {object, set, array} but got number",
      );
    }
  });
});

describe("object.subset", () => {
  it("compares objects recursively", () => {
    expect(
      call("object.subset", { a: "b", c: { x: set(10, 15, 20, 25), y: "z" } }, { c: { x: set(10, 15, 20) } }),
    ).toBe(true);
    expect(call("object.subset", { a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(call("object.subset", { a: 1 }, {})).toBe(true);
    expect(call("object.subset", { a: [1, 2, 3] }, { a: [2, 3] })).toBe(true);
    expect(call("object.subset", { a: [1, 2, 3] }, { a: [1, 3] })).toBe(false);
    expect(call("object.subset", { a: { b: 1 } }, { a: 1 })).toBe(false);
    expect(call("object.subset", { a: [1, 2] }, { a: set(1) })).toBe(false);
  });

  it("compares sets by membership and arrays as contiguous runs", () => {
    expect(call("object.subset", set(1, 2, 3), set(1, 3))).toBe(true);
    expect(call("object.subset", set(1, 2), set(1, 4))).toBe(false);
    expect(call("object.subset", set({ a: 1, b: 2 }), set({ a: 1 }))).toBe(false);
    expect(call("object.subset", [1, 2, 3, 4], [2, 3])).toBe(true);
    expect(call("object.subset", [1, 2, 1, 2, 3], [1, 2, 3])).toBe(true);
    expect(call("object.subset", [1, 2, 3], [1, 3])).toBe(false);
    expect(call("object.subset", [1], [1, 1])).toBe(false);
    expect(call("object.subset", [], [])).toBe(true);
  });

  it("checks an array for the members of a set, as OPA counts them", () => {
    expect(call("object.subset", [3, 1, 2], set(1, 2))).toBe(true);
    expect(call("object.subset", [1, 3], set(1, 2))).toBe(false);
    expect(call("object.subset", [1, 5], set())).toBe(true);
    expect(call("object.subset", [], set())).toBe(false);
    expect(call("object.subset", [1, 1], set(1, 2))).toBe(true);
  });

  it("requires matching kinds", () => {
    expect(() => call("object.subset", set(1), [1])).toThrow(
      "both arguments object.subset must be of the same type or array and set",
    );
    expect(() => call("object.subset", { a: 1 }, "a")).toThrow(OperandTypeError);
    try {
      call("object.subset", 1, 1);
    } catch (e: unknown) {
      expect((e as Error).message).toBe(
        "both arguments object.subset must be of the same type or array and set",
      );
    }
  });
});
