import { celMap, isCelError, parse } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { ROOTS } from "./bindings.js";
import { compileClosures } from "./compile.js";
import { kubernetesEnv } from "./environment.js";
import { INTERNAL } from "./internal-functions.js";
import { fromJson } from "./json-values.js";
import { TemplateVariables } from "./lazy-variables.js";
import { type Activation, compileExpression } from "./program.js";
import { describeResult } from "./test-compare.js";

const decl = { roots: ROOTS, variables: new Set(["a", "b"]) };

describe("the closure compiler", () => {
  it("resolves roots, type names and comprehension variables", () => {
    const p = compileExpression(
      "[1, 2].map(x, [x].map(y, x * 10 + y)) == [[11], [22]] && type(object) == map",
      decl,
    );
    expect(p.run({ object: fromJson({}), [INTERNAL.deadline]: Number.POSITIVE_INFINITY })).toBe(true);
  });

  it("reads template variables lazily, once per activation", () => {
    let runs = 0;
    const counted = {
      source: "a",
      references: { roots: new Set<string>(), variables: new Set<string>() },
      run: () => {
        runs++;
        return 20n;
      },
    };
    const b = compileExpression("variables.a + 1", decl);
    const vars = new TemplateVariables(["a", "b"], [counted, b]);
    const use = compileExpression("variables.b + variables.a + variables.b", decl);
    const activation = vars.activation(
      { object: null, oldObject: null, request: null, namespaceObject: null },
      null,
      Number.POSITIVE_INFINITY,
    );
    expect(use.run(activation)).toBe(62n);
    expect(runs).toBe(1);
    expect(describeResult(compileExpression("variables", decl).run(activation))).toBe('{"a": 20, "b": 21}');
  });

  it("never throws, also on inputs it cannot convert", () => {
    const run = compileClosures(parse("object.a").expr, { env: kubernetesEnv(), roots: ROOTS });
    expect(run({ object: celMap(new Map([["a", 1n]])) })).toBe(1n);
    const throwing: Activation = {};
    Object.defineProperty(throwing, "object", {
      get() {
        throw new Error("boom");
      },
    });
    const bad = run(throwing);
    expect(isCelError(bad) && bad.message).toBe("boom");
  });
});
