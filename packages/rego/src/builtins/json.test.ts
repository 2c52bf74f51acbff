import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RegoSet, type Value } from "../value/value.js";
import { OperandTypeError } from "./errors.js";
import { jsonBuiltins } from "./json.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Parameters<typeof callBuiltin>[2][]) =>
  callBuiltin(jsonBuiltins, name, ...args);

describe("json.filter and json.remove", () => {
  const doc = { a: { b: { c: 7, d: 8 } }, e: 9 };
  it("filters (conformance)", () => {
    expect(call("json.filter", doc, new RegoSet(["a/b/c"]))).toEqual({ a: { b: { c: 7 } } });
    expect(call("json.filter", doc, ["a/b/c", "e"])).toEqual({ a: { b: { c: 7 } }, e: 9 });
    expect(call("json.filter", { a: { b: 7 } }, new RegoSet(["a", "a/b"]))).toEqual({ a: { b: 7 } });
    expect(call("json.filter", { a: 7 }, new RegoSet())).toEqual({});
    expect(call("json.filter", { a: [{ b: 7, c: 8 }, { d: 9 }] }, new RegoSet(["a/0/b", "a/1"]))).toEqual({
      a: [{ b: 7 }, { d: 9 }],
    });
    expect(
      call("json.filter", { a: [{ "1": ["b", "c", "d"] }, { x: "y" }] }, new RegoSet(["a/0/1/2"])),
    ).toEqual({
      a: [{ "1": ["d"] }],
    });
    expect(call("json.filter", doc, new RegoSet([["a", "b", "c"], ["e"]]))).toEqual({
      a: { b: { c: 7 } },
      e: 9,
    });
    expect(() => call("json.filter", doc, "a")).toThrow(
      "operand 2 must be one of {set, array} but got string",
    );
  });

  it("removes (conformance)", () => {
    const o = { a: { b: 2, c: 3 } };
    expect(call("json.remove", o, new RegoSet(["a"]))).toEqual({});
    expect(call("json.remove", o, new RegoSet(["a/b"]))).toEqual({ a: { c: 3 } });
    expect(call("json.remove", o, ["/a/c"])).toEqual({ a: { b: 2 } });
    expect(call("json.remove", { a: [1, 2, 3] }, ["a/1"])).toEqual({ a: [1, 3] });
    expect(() => call("json.remove", o, [1])).toThrow(OperandTypeError);
  });
});

describe("json.patch", () => {
  it("applies RFC 6902 operations", () => {
    expect(call("json.patch", { foo: "bar" }, [{ op: "add", path: "/baz", value: "qux" }])).toEqual({
      foo: "bar",
      baz: "qux",
    });
    expect(
      call("json.patch", { foo: ["all", "grass", "cows", "eat"] }, [
        { op: "move", from: "/foo/1", path: "/foo/3" },
      ]),
    ).toEqual({
      foo: ["all", "cows", "eat", "grass"],
    });
    expect(call("json.patch", { "/": 9, "~1": 10 }, [{ op: "test", path: "/~01", value: 10 }])).toEqual({
      "/": 9,
      "~1": 10,
    });
    expect(call("json.patch", {}, [{ op: "add", path: "/", value: 1 }])).toEqual({ "": 1 });
    expect(call("json.patch", [1, 2], [{ op: "add", path: "/-", value: 3 }])).toEqual([1, 2, 3]);
    expect(call("json.patch", { foo: "bar" }, [{ op: "add", path: "", value: { baz: "qux" } }])).toEqual({
      baz: "qux",
    });
  });

  it("changes what it made in place, never the input or what is shared", () => {
    const doc = { a: { x: [1] } };
    const ops: Value[] = [
      { op: "add", path: "/b", value: {} },
      { op: "copy", from: "/b", path: "/c" },
      { op: "add", path: "/b/k", value: 1 },
      { op: "add", path: "/a/x/-", value: 2 },
      { op: "copy", from: "/a", path: "/d" },
      { op: "add", path: "/d/x/0", value: 0 },
    ];
    expect(call("json.patch", doc, ops)).toEqual({
      a: { x: [1, 2] },
      b: { k: 1 },
      c: {},
      d: { x: [0, 1, 2] },
    });
    expect(doc).toEqual({ a: { x: [1] } });
    expect(ops[0]).toEqual({ op: "add", path: "/b", value: {} });
    // An object it made, moved into a set, is copied before a change below it.
    const viaSet: Value[] = [
      { op: "add", path: "/o", value: {} },
      { op: "add", path: "/o/k", value: 1 },
      { op: "move", from: "/o", path: ["s", { k: 1 }] },
      { op: "add", path: ["s", { k: 1 }, "j"], value: 2 },
      { op: "add", path: ["s", { k: 1, j: 2 }, "m"], value: 3 },
    ];
    expect(call("json.patch", { s: new RegoSet([]) }, viaSet)).toEqual({
      s: new RegoSet([{ k: 1, j: 2, m: 3 }]),
    });
  });

  it("gives what its operations give one at a time", () => {
    const key = fc.constantFrom("a", "b", "0", "1", "-");
    const { tree } = fc.letrec<{ tree: Value }>((tie) => ({
      tree: fc.oneof(
        { depthSize: "small" },
        fc.integer({ min: 0, max: 2 }),
        fc.dictionary(fc.constantFrom("a", "b"), tie("tree"), { maxKeys: 2 }),
        fc.array(tie("tree"), { maxLength: 2 }),
      ),
    }));
    const path = fc.array(key, { maxLength: 3 }).map((segs) => `/${segs.join("/")}`);
    const op = fc.oneof(
      fc.record({ op: fc.constantFrom("add", "replace", "test"), path, value: tree }),
      fc.record({ op: fc.constant("remove"), path }),
      fc.record({ op: fc.constantFrom("move", "copy"), from: path, path }),
    );
    fc.assert(
      fc.property(tree, fc.array(op, { maxLength: 8 }), (doc, ops) => {
        const before = JSON.stringify(doc);
        const stepwise = ops.reduce<Value | undefined>(
          (cur, o) => (cur === undefined ? undefined : call("json.patch", cur, [o])),
          doc,
        );
        expect(call("json.patch", doc, ops)).toEqual(stepwise);
        expect(JSON.stringify(doc)).toBe(before);
      }),
      { numRuns: 2000 },
    );
  });

  it("adds thousands of keys without copying the object each time", () => {
    const ops = Array.from({ length: 20_000 }, (_, i) => ({ op: "add", path: `/k${i}`, value: i }));
    const out = call("json.patch", {}, ops) as Record<string, number>;
    expect(Object.keys(out)).toHaveLength(20_000);
    expect(out.k19999).toBe(19_999);
  });

  it("is undefined when any operation fails", () => {
    expect(call("json.patch", [1, 2, 3], [{ op: "add", path: "1.2", value: "foo" }])).toBeUndefined();
    expect(call("json.patch", ["foo", "bar"], [{ op: "test", path: "/01", value: "bar" }])).toBeUndefined();
    expect(call("json.patch", { foo: 1 }, [{ op: "spam", path: "/foo", value: 1 }])).toBeUndefined();
    expect(call("json.patch", { q: { bar: 2 } }, [{ op: "add", path: "/a/b", value: 1 }])).toBeUndefined();
    expect(call("json.patch", [1], [{ op: "replace", path: "/0" }])).toBeUndefined();
    expect(call("json.patch", { foo: 1 }, [{ op: "test", path: "/foo", value: "1" }])).toBeUndefined();
  });

  it("patches sets by member (conformance)", () => {
    const doc = { foo: new RegoSet(["a", "b", "c"]) };
    expect(call("json.patch", doc, [{ op: "remove", path: "foo/b" }])).toEqual({
      foo: new RegoSet(["a", "c"]),
    });
    expect(call("json.patch", doc, [{ op: "add", path: "foo/d", value: "d" }])).toEqual({
      foo: new RegoSet(["a", "b", "c", "d"]),
    });
    expect(call("json.patch", doc, [{ op: "add", path: "foo/d", value: "e" }])).toBeUndefined();
    expect(call("json.patch", new RegoSet([[1]]), [{ op: "add", path: [[1], 1], value: 2 }])).toEqual(
      new RegoSet([[1, 2]]),
    );
  });
});

describe("JSON Schema", () => {
  const schema = { properties: { id: { type: "integer" } }, required: ["id"] };
  it("matches documents (conformance)", () => {
    expect(call("json.match_schema", { id: 5 }, schema)).toEqual([true, []]);
    expect(call("json.match_schema", '{"id": 5}', schema)).toEqual([true, []]);
    expect(call("json.match_schema", { id: 5 }, JSON.stringify(schema))).toEqual([true, []]);
    expect(call("json.match_schema", { id: "foo" }, schema)).toEqual([
      false,
      [
        {
          desc: "Invalid type. Expected: integer, given: string",
          error: "id: Invalid type. Expected: integer, given: string",
          field: "id",
          type: "invalid_type",
        },
      ],
    ]);
    expect(call("json.match_schema", {}, schema)).toEqual([
      false,
      [{ desc: "id is required", error: "(root): id is required", field: "(root)", type: "required" }],
    ]);
    expect(() =>
      call("json.match_schema", { id: "foo" }, { properties: { id: { type: "unknown" } } }),
    ).toThrow(
      "has a primitive type that is NOT VALID -- given: /unknown/ Expected valid values are:[array boolean integer number null object string]",
    );
  });

  it("checks the ipv6 format, a long run of colons included", () => {
    const ipv6 = { type: "string", format: "ipv6" };
    expect(call("json.match_schema", JSON.stringify("::1"), ipv6)).toEqual([true, []]);
    expect(call("json.match_schema", JSON.stringify(`${":".repeat(100_000)}x`), ipv6)).toEqual([
      false,
      [expect.objectContaining({ type: "format" })],
    ]);
  });

  it("verifies schemas (conformance)", () => {
    expect(call("json.verify_schema", '{"type": "boolean"}')).toEqual([true, null]);
    expect(call("json.verify_schema", { type: "boolean" })).toEqual([true, null]);
    const invalid =
      "jsonschema: has a primitive type that is NOT VALID -- given: /unknown_type/ Expected valid values are:[array boolean integer number null object string]";
    expect(call("json.verify_schema", '{"type": "unknown_type"}')).toEqual([false, invalid]);
    expect(call("json.verify_schema", { type: "unknown_type" })).toEqual([false, invalid]);
    expect(call("json.verify_schema", "{")).toEqual([false, "jsonschema: invalid JSON string"]);
    expect(call("json.verify_schema", 5)).toEqual([
      false,
      "jsonschema: wrong type, expected string or object",
    ]);
  });

  it("reads draft-04 exclusive bounds", () => {
    const s = {
      $schema: "http://json-schema.org/draft-04/schema#",
      properties: { n: { minimum: 1, exclusiveMinimum: true } },
    };
    expect(call("json.match_schema", { n: 1 }, s)).toEqual([
      false,
      [{ desc: "Must be greater than 1", error: "n: Must be greater than 1", field: "n", type: "number_gt" }],
    ]);
  });
});
