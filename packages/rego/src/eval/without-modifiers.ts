import type { IrExpr } from "../compiler/ir.js";

const unmodified = new WeakMap<IrExpr, IrExpr>();

/**
 * The expression without its `with` modifiers, made once per expression and with its fields in
 * the compiler's order: V8 (11.3) gives each `{ ...e, with: [] }` a hidden class of its own, and
 * every cache of the code reading expressions would miss on such copies.
 */
export function withoutModifiers(e: IrExpr): IrExpr {
  let out = unmodified.get(e);
  if (out === undefined) {
    out = { node: e.node, negated: e.negated, with: [], loc: e.loc };
    unmodified.set(e, out);
  }
  return out;
}
