/** A fast CEL parser giving the same trees as @bufbuild/cel 0.6's `parse`. */
export type { Expr, ParsedExpr } from "./builder.js";
export { parseCel } from "./parser.js";
