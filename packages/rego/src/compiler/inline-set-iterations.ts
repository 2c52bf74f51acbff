import type { DocNode, IrExpr, IrRule, IrTerm } from "./ir.js";
import { ruleWith } from "./ir-rule.js";
import { someInRule } from "./ir-visit.js";
import { moveExpressions } from "./move-expressions.js";
import { plainSetAt, printsOrModifies, rewriteRules } from "./rewrite-rules.js";
import { isPlainSetRule } from "./rule-tree.js";

/**
 * Inlines iterations over a plain partial set in the rules of another set (stage
 * InlineSetIterations, ours). The library's pod-security templates write
 *
 *     violation[{"msg": msg}] { container := input_containers[_]; … }
 *     input_containers[c] { c := input.review.object.spec.containers[_] }
 *     input_containers[c] { c := input.review.object.spec.initContainers[_] }
 *
 * which builds, per query, a set of container objects (each compared with the others) and walks
 * it in sorted order. Each such rule becomes one rule per definition of the set, with that
 * definition's body in place of the iteration, its member variable being the iteration's. The
 * rule's document is a set too, so it holds the same members: the iteration sees the same values,
 * only in another order and possibly more than once.
 *
 * Only where nothing can tell the difference: neither the rule nor any definition of the set has
 * `print` or `with`; the rule is a plain `p contains x` definition; the iteration is `x := s[_]`
 * (or `=`) over a set of plain `s contains c` definitions whose heads are their member variable
 * and whose bodies are references, calls, collections, constants and variables; `x` is not used
 * before. Evaluations under `with data…` use the rules as written ({@link DocNode.written}).
 */
export function inlineSetIterations(root: DocNode): void {
  rewriteRules(root, (node, r) => inlinedRule(root, node, r));
}

function inlinedRule(root: DocNode, node: DocNode, r: IrRule): IrRule[] | undefined {
  if (!isPlainSetRule(r) || printsOrModifies(r)) return undefined;
  for (let j = 0; j < r.body.length; j++) {
    const it = iteration(r.body[j]);
    if (it === undefined) continue;
    const target = plainSetAt(root, it.path);
    if (target === undefined || target === node) continue;
    if (uses(r, it.key) !== 1 || usesBefore(r, it.member, j)) continue;
    const out: IrRule[] = [];
    for (const g of target.rules) {
      const member = g.value;
      if (member.k !== "var") return undefined;
      const moved = moveExpressions(g.body, new Set(), r.slots, new Map([[member.slot, it.member]]));
      if (moved === undefined) return undefined;
      out.push(
        ruleWith(r, {
          body: [...r.body.slice(0, j), ...moved.exprs, ...r.body.slice(j + 1)],
          slots: moved.slots,
        }),
      );
    }
    return out;
  }
  return undefined;
}

/** `x := data.….s[k]` with `x` and `k` variables: the member slot, the set's path and the key slot. */
function iteration(
  e: IrExpr | undefined,
): { member: number; path: readonly IrTerm[]; key: number } | undefined {
  if (e === undefined || e.negated || e.with.length > 0 || e.node.k !== "unify") return undefined;
  const { a, b } = e.node;
  const [v, ref] = a.k === "var" ? [a, b] : [b, a];
  if (v.k !== "var" || ref.k !== "ref" || ref.base.k !== "data" || ref.ops.length < 2) return undefined;
  const key = ref.ops[ref.ops.length - 1];
  if (key === undefined || key.k !== "var" || key.slot === v.slot) return undefined;
  return { member: v.slot, path: ref.ops.slice(0, -1), key: key.slot };
}

/** How many terms of a rule are the variable in `slot`. */
function uses(r: IrRule, slot: number): number {
  let n = 0;
  someInRule(r, (item) => {
    if (item.k === "term" && item.term.k === "var" && item.term.slot === slot) n++;
    return false;
  });
  return n;
}

/** Whether the variable in `slot` appears in the first `j` expressions of a rule's body. */
function usesBefore(r: IrRule, slot: number, j: number): boolean {
  const before = ruleWith(r, { body: r.body.slice(0, j), value: { k: "const", v: null }, keys: [] });
  return uses(before, slot) > 0;
}
