import { describe, expect, it } from "vitest";
import type { IrExpr } from "../compiler/ir.js";
import { sameHiddenClass } from "../test-hidden-class.js";
import { withoutModifiers } from "./without-modifiers.js";

const loc = { file: "t.rego", row: 1, col: 1, offset: 0 };
const expr: IrExpr = {
  node: { k: "term", term: { k: "const", v: true } },
  negated: true,
  with: [{ target: { kind: "input", path: [] }, value: { k: "const", v: 1 }, replacement: undefined, loc }],
  loc,
};

describe("withoutModifiers", () => {
  it("is the expression with no with modifiers, and the same object each time", () => {
    const once = withoutModifiers(expr);
    expect(once).toStrictEqual({ ...expr, with: [] });
    expect(withoutModifiers(expr)).toBe(once);
  });

  it("gives copies of different expressions the hidden class of the expressions themselves", () => {
    const others: IrExpr[] = Array.from({ length: 20 }, (_, i) => ({ ...expr, loc: { ...loc, row: i } }));
    const copies = others.map(withoutModifiers);
    expect(sameHiddenClass(copies[18], copies[19])).toBe(true);
    expect(sameHiddenClass(copies[19], expr)).toBe(true);
  });
});
