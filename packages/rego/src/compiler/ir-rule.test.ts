import { describe, expect, it } from "vitest";
import { defaultBuiltins } from "../builtins/index.js";
import { parseModule } from "../syntax/parser.js";
import { sameHiddenClass } from "../test-hidden-class.js";
import { compileModules } from "./compiler.js";
import type { IrRule } from "./ir.js";
import { ruleWith } from "./ir-rule.js";

/** The rules of `data.t.<name>` in a compiled module. */
function rulesOf(text: string, name: string): IrRule[] {
  const policy = compileModules([parseModule(text, { file: "t.rego", regoVersion: 1 })], {
    builtins: defaultBuiltins(),
  });
  return policy.root.children.get("t")?.children.get(name)?.rules ?? [];
}

const [rule] = rulesOf("package t\np contains x if {\n  x := input.a\n}\nq := 1 if input.b", "p");

describe("ruleWith", () => {
  it("replaces the parts given and keeps the others", () => {
    if (rule === undefined) throw new Error("no rule");
    const copy = ruleWith(rule, { slots: 9, body: [] });
    expect(copy).toStrictEqual({ ...rule, slots: 9, body: [] });
  });

  it("can take the else rule away", () => {
    const [withElse] = rulesOf("package t\nf := 1 if input.a\nelse := 2", "f");
    if (withElse === undefined) throw new Error("no rule");
    expect(withElse.elseRule).toBeDefined();
    expect(ruleWith(withElse, { elseRule: undefined }).elseRule).toBeUndefined();
    expect(ruleWith(withElse, {}).elseRule).toBe(withElse.elseRule);
  });

  it("gives the copy the hidden class of the rules the compiler makes", () => {
    if (rule === undefined) throw new Error("no rule");
    const copies = Array.from({ length: 20 }, (_, i) => ruleWith(rule, { slots: i }));
    expect(sameHiddenClass(copies[19], rule)).toBe(true);
    expect(Object.keys(copies[19] ?? {})).toEqual(Object.keys(rule));
  });
});
