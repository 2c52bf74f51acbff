import { describe, expect, it } from "vitest";
import { defaultBuiltins } from "../builtins/index.js";
import { parseModule } from "../syntax/parser.js";
import { compileModules } from "./compiler.js";
import type { IrExpr } from "./ir.js";

function bodyOf(text: string): readonly IrExpr[] {
  const policy = compileModules([parseModule(text, { file: "t.rego" })], { builtins: defaultBuiltins() });
  const rule = policy.root.children.get("t")?.children.get("p")?.rules[0];
  if (rule === undefined) throw new Error("no rule");
  return rule.body;
}

describe("reorderBodyForSafety", () => {
  it("schedules in passes over the body, as OPA does: what is safe goes first, the rest after", () => {
    const body = bodyOf(`package t
p if {
  x > 1
  y := 2
  x = y + 1
  z := 3
}`);
    expect(body.map((e) => e.loc.row)).toEqual([4, 5, 6, 3]);
  });

  it("reports a variable used before its := declaration once, where it is declared", () => {
    expect(() => bodyOf("package t\np if {\n  x > 1\n  x := 2\n}")).toThrow(
      /^t.rego:4: rego_compile_error: var x referenced above$/,
    );
  });

  it("leaves a safe body in author order", () => {
    const body = bodyOf(`package t
p if {
  a := 1
  b := a + 1
  b > a
}`);
    expect(body.map((e) => e.loc.row)).toEqual([3, 4, 5]);
  });

  it("treats variables bound by iteration as safe", () => {
    const body = bodyOf(`package t
p if {
  x == input.xs[x]
}`);
    expect(body).toHaveLength(1);
  });
});
