import { celMap, isCelList, isCelMap } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { fromJson, fromJsonWithout, jsonField, jsonHas, NOT_JSON } from "./json-values.js";
import { itemsOf } from "./list-values.js";

describe("JSON as CEL values", () => {
  it("converts scalars: integral numbers are ints", () => {
    expect(fromJson(3)).toBe(3n);
    expect(fromJson(0.5)).toBe(0.5);
    expect(fromJson("s")).toBe("s");
    expect(fromJson(null)).toBe(null);
    expect(fromJson(undefined)).toBe(null);
  });

  it("wraps objects, converting fields once, on first read", () => {
    const doc = { spec: { a: 1, list: [{ b: 2 }] }, n: null };
    const v = fromJson(doc);
    if (!isCelMap(v)) throw new Error("not a map");
    const spec = v.get("spec");
    expect(v.get("spec")).toBe(spec);
    expect(jsonField(v, "spec")).toBe(spec);
    if (!isCelMap(spec)) throw new Error("not a map");
    expect(spec.get("a")).toBe(1n);
    const list = spec.get("list");
    expect(isCelList(list) && itemsOf(list)?.length).toBe(1);
    expect(v.size).toBe(2);
    expect([...v.keys()]).toEqual(["spec", "n"]);
    expect(jsonField(v, "missing")).toBeUndefined();
  });

  it("sees only the object's own fields, not Object.prototype's", () => {
    const v = fromJson(JSON.parse('{"a": "x", "__proto__": {"b": true}}'));
    const plain = fromJson({ a: "x" });
    if (!isCelMap(v) || !isCelMap(plain)) throw new Error("not a map");
    for (const key of ["constructor", "toString", "hasOwnProperty", "valueOf"]) {
      expect(v.has(key)).toBe(false);
      expect(jsonField(v, key)).toBeUndefined();
      expect(jsonHas(v, key)).toBe(false);
    }
    expect(isCelMap(jsonField(v, "__proto__"))).toBe(true);
    expect(jsonHas(plain, "__proto__")).toBe(false);
    expect(jsonField(plain, "__proto__")).toBeUndefined();
    const request = fromJsonWithout({ uid: "u", object: { a: 1 } }, ["object"]);
    if (!isCelMap(request)) throw new Error("not a map");
    expect(request.has("object")).toBe(false);
    expect(jsonField(request, "object")).toBeUndefined();
    expect(jsonField(request, "uid")).toBe("u");
  });

  it("keeps one wrapper per document", () => {
    const doc = { a: 1 };
    expect(fromJson(doc)).toBe(fromJson(doc));
    expect(fromJson({ a: 1 })).not.toBe(fromJson(doc));
  });

  it("treats null fields as absent in presence tests, as every CelMap does", () => {
    const v = fromJson({ n: null, z: 0 });
    if (!isCelMap(v)) throw new Error("not a map");
    expect(jsonHas(v, "n")).toBe(false);
    expect(v.has("n")).toBe(false);
    expect(jsonHas(v, "z")).toBe(true);
    expect(jsonField(v, "n")).toBe(null);
  });

  it("hides omitted fields", () => {
    const v = fromJsonWithout({ a: 1, object: {}, b: 2 }, ["object"]);
    if (!isCelMap(v)) throw new Error("not a map");
    expect([...v.keys()]).toEqual(["a", "b"]);
    expect(v.get("object")).toBeUndefined();
    expect(jsonHas(v, "object")).toBe(false);
  });

  it("reports maps it did not make", () => {
    const v = fromJson([1]);
    expect(isCelList(v)).toBe(true);
    const m = fromJson({});
    if (!isCelMap(m)) throw new Error("not a map");
    expect(jsonField(m, "x")).toBeUndefined();
    expect(jsonField(celMap(new Map([["x", 1n]])), "x")).toBe(NOT_JSON);
    expect(jsonHas(celMap(new Map()), "x")).toBe(NOT_JSON);
  });
});
