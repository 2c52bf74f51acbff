import type { DocNode, IrRule, IrTerm } from "../compiler/ir.js";
import { functionRules } from "../compiler/rule-tree.js";
import type { Value } from "../value/value.js";

/** True for nodes holding functions that take arguments (they are not documents). */
export function hasArguments(node: DocNode): boolean {
  const fns = functionRules(node);
  if (fns === undefined) return false;
  return ((fns[0] ?? node.defaultRule)?.args.length ?? 1) > 0;
}

/** Function rules by the constant of their first argument (OPA indexes function arguments too). */
interface ArgIndex {
  readonly byValue: Map<unknown, IrRule[]>;
  readonly others: readonly IrRule[];
}
const argIndexes = new WeakMap<DocNode, ArgIndex | null>();

/** The rules of a function worth trying for these arguments, in definition order. */
export function functionCandidates(
  node: DocNode,
  rules: readonly IrRule[],
  args: readonly Value[],
): readonly IrRule[] {
  if (rules.length < 4) return rules;
  let index = argIndexes.get(node);
  if (index === undefined) {
    const constFirst = rules.filter((r) => r.args[0]?.k === "const" && isScalarConst(r.args[0]));
    if (constFirst.length < 4) index = null;
    else {
      const byValue = new Map<unknown, IrRule[]>();
      const others = rules.filter((r) => !constFirst.includes(r));
      for (const r of constFirst) {
        const v = (r.args[0] as { v: Value }).v;
        if (!byValue.has(v))
          byValue.set(
            v,
            rules.filter((x) => !constFirst.includes(x) || (x.args[0] as { v: Value }).v === v),
          );
      }
      index = { byValue, others };
    }
    argIndexes.set(node, index);
  }
  if (index === null) return rules;
  const first = args[0];
  if (first === undefined || (first !== null && typeof first === "object")) return index.others;
  return index.byValue.get(first) ?? index.others;
}

function isScalarConst(t: IrTerm | undefined): boolean {
  return t !== undefined && t.k === "const" && (t.v === null || typeof t.v !== "object");
}
