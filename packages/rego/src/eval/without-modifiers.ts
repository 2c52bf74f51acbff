import type { IrExpr } from "../compiler/ir.js";

const unmodified = new WeakMap<IrExpr, IrExpr>();

/**
 * The expression without its `with` modifiers, made once per expression: a copy per evaluation
 * would have a hidden class of its own (V8 11.3 gives `{ ...e, key }` a new one every time), and
 * every cache of the code reading expressions would miss on it.
 */
export function withoutModifiers(e: IrExpr): IrExpr {
  let out = unmodified.get(e);
  if (out === undefined) {
    out = { ...e, with: [] };
    unmodified.set(e, out);
  }
  return out;
}
