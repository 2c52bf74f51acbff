import { parseModule } from "@portcullis/rego";
import { describe, expect, it } from "vitest";
import { problemText } from "./errors.js";
import { evaluateQuery } from "./evaluate-query.js";

const modules = [
  parseModule(
    'package p\n\nallow if input.user == "alice"\n\nnames contains n if some n in ["a", "b"]\n\nf(x) := x + 1\n',
    { file: "p.rego" },
  ),
];

describe("evaluateQuery", () => {
  it("gives expression values, texts, locations and bindings", () => {
    const out = evaluateQuery({ query: "x := data.p.names[_]; data.p.f(1)", modules, data: {}, version: 1 });
    expect(out).toEqual({
      kind: "result",
      results: ["a", "b"].map((x) => ({
        expressions: [
          { value: true, text: "x := data.p.names[_]", location: { row: 1, col: 1 } },
          { value: 2, text: "data.p.f(1)", location: { row: 1, col: 23 } },
        ],
        bindings: { x },
      })),
    });
  });

  it("is empty when undefined and reports false for a lone comparison", () => {
    expect(evaluateQuery({ query: "data.p.allow", modules, data: {}, version: 1 })).toEqual({
      kind: "result",
      results: [],
    });
    const cmp = evaluateQuery({ query: "1 == 2", modules, data: {}, version: 1 });
    expect(cmp.kind === "result" && cmp.results[0]?.expressions[0]?.value).toBe(false);
  });

  it("reads input and data", () => {
    const out = evaluateQuery({
      query: "data.p.allow; data.d",
      modules,
      data: { d: 3 },
      input: { user: "alice" },
      version: 1,
    });
    expect(out.kind === "result" && out.results.map((r) => r.expressions.map((x) => x.value))).toEqual([
      [true, 3],
    ]);
  });

  it("returns errors instead of throwing: query errors as row:col, eval errors with their file", () => {
    const unsafe = evaluateQuery({ query: "y := data.p.allow; z", modules, data: {}, version: 1 });
    expect(unsafe.kind === "errors" && unsafe.errors.map(problemText)).toEqual([
      "1:20: rego_unsafe_var_error: var z is unsafe",
    ]);
    const strict = evaluateQuery({
      query: 'data.p.f("a")',
      modules,
      data: {},
      version: 1,
      strictBuiltinErrors: true,
    });
    expect(strict.kind === "errors" && strict.errors.map(problemText)).toEqual([
      expect.stringMatching(/^p.rego:7:\d+: eval_type_error/),
    ]);
    const parse = evaluateQuery({ query: "x := ", modules, data: {}, version: 1 });
    expect(parse.kind === "errors" && parse.errors[0]?.message).toBeTruthy();
  });
});
