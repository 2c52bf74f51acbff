import { describe, expect, it } from "vitest";
import { GqlFailure, opaMessage } from "./gql-error.js";

const at = (line: number, column: number) => ({ line, column });

describe("opaMessage", () => {
  it("reshapes a located parse error", () => {
    const f = new GqlFailure("parse", [{ message: "Unexpected <EOF>", pos: at(1, 14) }]);
    expect(opaMessage(f)).toBe("Unexpected <EOF> in GraphQL string at location 1:14");
  });

  it("joins validation errors and trims only the final period and newline", () => {
    const f = new GqlFailure("validation", [
      { message: "First.", pos: at(1, 2) },
      { message: "Second.", pos: at(3, 4) },
    ]);
    expect(opaMessage(f)).toBe("First.\ninput:3:4: Second in GraphQL string at location 1:2");
  });

  it("falls back when there is no usable location", () => {
    const f = new GqlFailure("validation", [{ message: "No place.", pos: undefined }]);
    expect(opaMessage(f)).toBe("GraphQL parse error: input: No place.\n");
    const g = new GqlFailure("parse", [{ message: "odd", pos: at(4, -2) }]);
    expect(opaMessage(g)).toBe("GraphQL parse error: input:4:-2: odd");
  });

  it("prefixes schema conversion errors", () => {
    const f = new GqlFailure("schema", [{ message: "Undefined type X.", pos: at(2, 3) }]);
    expect(opaMessage(f)).toBe(
      "Error in gqlparser SchemaDocument to Schema conversion: input:2:3: Undefined type X.",
    );
  });
});
