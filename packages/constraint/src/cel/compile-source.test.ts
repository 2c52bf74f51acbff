import { codegenThreshold, setCodegenThreshold } from "@portcullis/rego";
import { afterEach, describe, expect, it } from "vitest";
import { maxId } from "./ast.js";
import { Compiler } from "./compile.js";
import { celSource } from "./compile-source.js";
import { kubernetesEnv } from "./environment.js";
import { celGeneratedPrograms, celGenerationFailures } from "./generated-program.js";
import { rewriteMacros } from "./macros.js";
import { parseCel } from "./parse/index.js";
import { type Activation, compileExpression } from "./program.js";
import { describeResult, evalWith } from "./test-compare.js";

/** The generated text for `source`, with `object` as the only root. */
function textOf(source: string): string {
  const parsed = parseCel(source);
  if (parsed === undefined) throw new Error(`does not parse: ${source}`);
  rewriteMacros(parsed.expr, parsed.sourceInfo?.positions ?? {}, maxId(parsed.expr));
  const compiler = new Compiler({ env: kubernetesEnv(), roots: new Set(["object"]) });
  return celSource(parsed.expr, compiler).text;
}

describe("generated CEL", () => {
  const saved = codegenThreshold();
  afterEach(() => setCodegenThreshold(saved));

  it("writes the common shapes as code, not as calls of closures", () => {
    const text = textOf(
      "object.spec.containers.all(c, !has(c.securityContext) || c.securityContext.privileged != true)" +
        " && object.metadata.name in ['a', 'b'] && size(object.spec.containers) > 0" +
        " && object.spec.containers.map(c, c.name).exists(n, n.startsWith('x') ? n == 'y' : false)",
    );
    expect(text).not.toMatch(/e\d+\(f\)/);
    expect(text).toContain("X.hasField(t");
    expect(text).toContain("X.selectField(t");
    expect(text).toContain(".has(t");
  });

  it("reads template variables and bindings inline", () => {
    const compiler = (): Compiler =>
      new Compiler({ env: kubernetesEnv(), roots: new Set(["object"]), variables: new Set(["a"]) });
    const parsed = parseCel("variables.a + [1, 2].size() + int(object.x)");
    if (parsed === undefined) throw new Error("does not parse");
    const text = celSource(parsed.expr, compiler()).text;
    expect(text).toContain("f.variables.get(");
    expect(text).not.toMatch(/e\d+\(f\)/);
  });

  it("computes a selection from a binding once per run, not inside comprehensions that shadow it", () => {
    const targets = (source: string): string[] =>
      [...textOf(source).matchAll(/(t\d+) = X\.selectField\(t\d+, "spec"\)/g)].map((m) => m[1] ?? "");
    const [first, second] = targets("object.spec.a == 1 && object.spec.b == 2");
    expect(first).toBeDefined();
    expect(second).toBe(first);
    const [outer, inner] = targets("object.spec.a == 1 && [object].all(object, object.spec.b == 2)");
    expect(inner).not.toBe(outer);
  });

  it("calls the closure for shapes it leaves alone", () => {
    expect(textOf("{'a': object.x}")).toMatch(/t0 = e0\(f\);/);
    expect(textOf("object.name.matches('^a')")).toMatch(/= e\d+\(f\);/);
  });

  it("switches from closures to generated code at the threshold", () => {
    setCodegenThreshold(2);
    const program = compileExpression("object.a + 1 == 2", { roots: new Set(["object"]) });
    const activation: Activation = { object: new Map([["a", 1n]]) };
    const before = celGeneratedPrograms();
    const tiered = program.run;
    expect(program.run(activation)).toBe(true);
    expect(program.run(activation)).toBe(true);
    expect(celGeneratedPrograms()).toBe(before);
    expect(program.run(activation)).toBe(true);
    expect(celGeneratedPrograms()).toBe(before + 1);
    // From now on callers call the generated function itself.
    expect(program.run).not.toBe(tiered);
    expect(program.run(activation)).toBe(true);
    expect(celGeneratedPrograms()).toBe(before + 1);
  });

  it("stays with closures when generation is off", () => {
    setCodegenThreshold(null);
    const program = compileExpression("object.a", { roots: new Set(["object"]) });
    const before = celGeneratedPrograms();
    for (let i = 0; i < 40; i++) program.run({ object: new Map([["a", 1n]]) });
    expect(celGeneratedPrograms()).toBe(before);
  });

  it("keeps errors and absorption exactly (spot checks; the differential tests cover the library)", () => {
    const object = { a: 1, list: [1, 2, 0], s: "abc" };
    for (const expr of [
      "object.missing || true",
      "true || object.missing",
      "object.missing && false",
      "object.missing && object.other",
      "object.list.all(x, 6 / x > 1)",
      "object.list.exists(x, 6 / x > 5)",
      "object.list.exists_one(x, 6 / x == 3)",
      "object.list.map(x, 6 / x)",
      "object.list.filter(x, 6 / x > 2)",
      "object.a ? 1 : 2",
      "object.s ? 1 : 2",
      "!object.s",
      "object.s.contains(object.a)",
      "object.s.contains('b')",
      "object.list[5]",
      "[object.a, object.missing]",
      "object.s in ['abc'] && object.a in [1]",
    ]) {
      const want = describeResult(evalWith("closures", expr, { object }));
      expect(describeResult(evalWith("generated", expr, { object })), expr).toBe(want);
    }
    expect(celGenerationFailures()).toBe(0);
  });
});
