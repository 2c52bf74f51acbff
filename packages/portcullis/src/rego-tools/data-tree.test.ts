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

  it("keeps JSON numbers exact, however large, as OPA does", () => {
    expect(parseDataText('{"id": 18446744073709551617, "big": 1e400, "f": 0.5}', "d.json")).toEqual({
      id: 18446744073709551617n,
      big: 10n ** 400n,
      f: 0.5,
    });
    expect(parseDataText("[123456789012345678901]", "d.input")).toEqual([123456789012345678901n]);
  });

  it("reads a __proto__ key as a key, not as the object's prototype", () => {
    const doc = parseDataText('{"__proto__": {"polluted": true}}', "p.json");
    expect(Object.keys(doc as object)).toEqual(["__proto__"]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it("names the file and the place of a syntax error", () => {
    const bad = (): unknown => parseDataText('{\n  "a": 1,\n  oops\n}', "bad.json");
    expect(bad).toThrow(ToolError);
    expect(bad).toThrow(
      "bad.json: 3:3: invalid JSON: invalid character 'o' looking for beginning of object key string",
    );
    expect(() => parseDataText("a: [1\n", "bad.yaml")).toThrow(/^bad.yaml: \d+:\d+: invalid YAML/);
  });
});
