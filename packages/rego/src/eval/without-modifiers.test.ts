import { describe, expect, it } from "vitest";
import type { IrExpr } from "../compiler/ir.js";
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
});
