import { describe, expect, it } from "vitest";
import { GatorError } from "./errors.js";
import { documentStartLines, parseDocuments } from "./read-documents.js";

describe("documentStartLines", () => {
  it("finds where each non-empty document starts", () => {
    const text = "# c\na: 1\n---\n\n# x\nb: 2\n---\n---\nc: 3\n";
    expect(documentStartLines(text)).toEqual([2, 6, 9]);
  });
});

describe("parseDocuments", () => {
  it("reads multi-document YAML and JSON with files and lines", () => {
    const docs = parseDocuments("kind: A\n---\nkind: B\n", "x.yaml");
    expect(docs.map((d) => [d.object.kind, d.file, d.line])).toEqual([
      ["A", "x.yaml", 1],
      ["B", "x.yaml", 3],
    ]);
    expect(parseDocuments('{"kind": "C"}', "y.json")[0]?.object.kind).toBe("C");
  });

  it("names the file, line and column of a syntax error", () => {
    let err: unknown;
    try {
      parseDocuments("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml");
    } catch (e: unknown) {
      err = e;
    }
    expect(err).toBeInstanceOf(GatorError);
    const g = err as GatorError;
    expect(g.code).toBe("invalid_yaml");
    expect(g.file).toBe("bad.yaml");
    expect(g.line).toBeGreaterThan(0);
    expect(g.message).toMatch(/^bad\.yaml:\d+:\d+: /);
  });

  it("rejects a document that is not an object", () => {
    expect(() => parseDocuments("- 1\n- 2\n", "list.yaml")).toThrow(
      /list\.yaml: document 1 is not an object/,
    );
  });
});
