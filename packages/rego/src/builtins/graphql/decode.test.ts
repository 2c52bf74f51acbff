import { describe, expect, it } from "vitest";
import { RegoSet } from "../../value/value.js";
import { decodeQueryDocument } from "./decode-query.js";
import { decodeSchemaDocument } from "./decode-schema.js";
import { encodeAst } from "./encode.js";

describe("decoding AST objects", () => {
  it("fills Go zero values so the object re-encodes in full", () => {
    const doc = decodeSchemaDocument({ Definitions: [{ Name: "Q", Kind: "OBJECT" }] });
    expect(encodeAst(doc)).toEqual({
      Definitions: [{ BuiltIn: false, Description: "", Kind: "OBJECT", Name: "Q" }],
    });
  });

  it("matches keys case-insensitively except in gqlparser's own decoders", () => {
    const q = decodeQueryDocument({ operations: [{ operation: "query", Name: "A", selectionset: [] }] });
    expect(q.Operations[0]).toMatchObject({ Operation: "", Name: "A", SelectionSet: [] });
    const s = decodeSchemaDocument({ definitions: [{ name: "Q", kind: "OBJECT", fields: new RegoSet([]) }] });
    expect(s.Definitions[0]).toMatchObject({ Name: "Q", Kind: "OBJECT" });
  });

  it("reads every selection as a field when it can", () => {
    const q = decodeQueryDocument({
      Operations: [
        { Operation: "query", SelectionSet: [{ TypeCondition: "T", SelectionSet: [] }, { Name: "F" }] },
      ],
    });
    expect(encodeAst(q)).toEqual({
      Operations: [
        {
          Name: "",
          Operation: "query",
          SelectionSet: [
            { Alias: "", Name: "" },
            { Alias: "", Name: "F" },
          ],
        },
      ],
    });
  });

  it("fails on values of the wrong JSON type", () => {
    expect(() => decodeSchemaDocument({ Definitions: "x" })).toThrow("json: cannot unmarshal string");
    expect(() => decodeQueryDocument({ Operations: [{ Name: 1 }] })).toThrow("into Go value of type string");
    expect(() => decodeSchemaDocument({ Definitions: [{ Fields: [{ Type: { NonNull: "yes" } }] }] })).toThrow(
      "into Go value of type bool",
    );
  });
});
