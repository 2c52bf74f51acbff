import { describe, expect, it } from "vitest";
import { encodeAst } from "./encode.js";

describe("encodeAst", () => {
  it("drops Position, nulls and empty collections but keeps empty strings and false", () => {
    const node = {
      Name: "",
      Used: false,
      Kind: 0,
      Position: { line: 1, column: 1 },
      Definition: null,
      Directives: [],
      Nested: { Inner: [], Other: null },
      List: [null, {}, [], { A: "x", Position: { line: 2, column: 2 } }],
    };
    expect(encodeAst(node)).toEqual({ Name: "", Used: false, Kind: 0, List: [{ A: "x" }] });
  });
});
