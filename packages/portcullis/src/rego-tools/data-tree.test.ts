import { describe, expect, it } from "vitest";
import { type JsonObject, mergeDocument } from "./data-tree.js";
import { ToolError } from "./errors.js";
import { parseDataText } from "./parse-data.js";

describe("mergeDocument", () => {
  it("places documents at their path and merges objects", () => {
    const root: JsonObject = {};
    mergeDocument(root, [], { top: 1 }, "a.json");
    mergeDocument(root, ["x", "y"], { a: 1 }, "x/y/d.json");
    mergeDocument(root, ["x", "y"], { b: 2 }, "x/y/e.yaml");
    mergeDocument(root, ["z"], [1, 2], "z/list.json");
    expect(root).toEqual({ top: 1, x: { y: { a: 1, b: 2 } }, z: [1, 2] });
  });

  it("rejects a non-object at the root and clashing values", () => {
    const root: JsonObject = { x: { a: 1 } };
    expect(() => mergeDocument(root, [], [1], "list.json")).toThrow(/list.json: unsupported document type/);
    expect(() => mergeDocument(root, ["x"], { a: 2 }, "x/d.json")).toThrow(
      /x\/d.json: merge error: data.x.a/,
    );
  });

  it("keeps __proto__ as data", () => {
    const root: JsonObject = {};
    mergeDocument(root, [], JSON.parse('{"__proto__": {"polluted": true}}'), "p.json");
    expect(Object.keys(root)).toEqual(["__proto__"]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe("parseDataText", () => {
  it("parses JSON and YAML by extension", () => {
    expect(parseDataText('{"a": 1}', "d.json")).toEqual({ a: 1 });
    expect(parseDataText("a:\n  - 1\n", "d.yml")).toEqual({ a: [1] });
  });

  it("names the file and the place of a syntax error", () => {
    const bad = (): unknown => parseDataText('{\n  "a": 1,\n  oops\n}', "bad.json");
    expect(bad).toThrow(ToolError);
    expect(bad).toThrow(/^bad.json: \d+:\d+: invalid JSON/);
    expect(() => parseDataText("a: [1\n", "bad.yaml")).toThrow(/^bad.yaml: \d+:\d+: invalid YAML/);
  });
});

describe("jsonErrorOffset", () => {
  it("finds where strict JSON parsing stops", async () => {
    const { jsonErrorOffset } = await import("./json-error-offset.js");
    expect(jsonErrorOffset('{"a": [1, 2], "b": "x\\n"}')).toBeUndefined();
    expect(jsonErrorOffset('{"a": }')).toBe(6);
    expect(jsonErrorOffset("[1, 2,]")).toBe(6);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('{"a": ')).toBe(6);
  });
});
