import type { DocNode } from "../compiler/ir.js";
import { functionRules } from "../compiler/rule-tree.js";

/** True for nodes holding functions that take arguments (they are not documents). */
export function hasArguments(node: DocNode): boolean {
  const fns = functionRules(node);
  if (fns === undefined) return false;
  return ((fns[0] ?? node.defaultRule)?.args.length ?? 1) > 0;
}
