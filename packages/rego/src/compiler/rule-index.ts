import { isScalar, type Value } from "../value/value.js";
import type { DocNode, IrExpr, IrRule, IrTerm, RuleIndex } from "./ir.js";

/**
 * Builds OPA-style rule indices (BuildRuleIndices): for each document with several rules, the
 * `input` path that most rules compare with a scalar constant becomes the key, so evaluation
 * only tries the rules whose constant equals the input's value (and those that do not test it).
 */
export function buildRuleIndices(root: DocNode): void {
  if (root.rules.length >= 2) {
    const index = indexFor(root.rules);
    if (index !== undefined) root.index = index;
  }
  for (const child of root.children.values()) buildRuleIndices(child);
}

function indexFor(rules: readonly IrRule[]): RuleIndex | undefined {
  const conds = rules.map(conditions);
  const counts = new Map<string, number>();
  for (const c of conds) for (const key of c.keys()) counts.set(key, (counts.get(key) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 1;
  for (const [key, n] of counts) {
    if (n > bestCount) {
      best = key;
      bestCount = n;
    }
  }
  if (best === undefined) return undefined;
  const byValue = new Map<unknown, IrRule[]>();
  const others: IrRule[] = [];
  rules.forEach((rule, i) => {
    const v = conds[i]?.get(best);
    if (v === undefined) others.push(rule);
  });
  rules.forEach((rule, i) => {
    const v = conds[i]?.get(best);
    if (v === undefined) return;
    if (!byValue.has(v))
      byValue.set(
        v,
        rules.filter((r, j) => r === rule || conds[j]?.get(best) === undefined || conds[j]?.get(best) === v),
      );
  });
  return { path: best === "" ? [] : best.split("\u0000"), byValue, others };
}

/** `input` paths a rule's body requires to equal a scalar, keyed by the path's joined text. */
function conditions(rule: IrRule): Map<string, Value> {
  const out = new Map<string, Value>();
  // A rule with an else branch answers even when its own body fails: always a candidate.
  if (rule.elseRule !== undefined || rule.kind === "function") return out;
  for (const e of rule.body) {
    const c = condition(e);
    if (c !== undefined && !out.has(c.path)) out.set(c.path, c.value);
  }
  return out;
}

function condition(e: IrExpr): { path: string; value: Value } | undefined {
  if (e.negated || e.with.length > 0) return undefined;
  const n = e.node;
  let a: IrTerm | undefined;
  let b: IrTerm | undefined;
  if (n.k === "unify") [a, b] = [n.a, n.b];
  else if (n.k === "call" && n.fn.name === "equal" && n.out === undefined && n.args.length === 2)
    [a, b] = n.args;
  else return undefined;
  if (a === undefined || b === undefined) return undefined;
  const [ref, lit] = a.k === "const" ? [b, a] : [a, b];
  if (lit.k !== "const" || !isScalar(lit.v) || ref.k !== "ref" || ref.base.k !== "input") return undefined;
  const path: string[] = [];
  for (const op of ref.ops) {
    if (op.k !== "const" || typeof op.v !== "string") return undefined;
    path.push(op.v);
  }
  return { path: path.join("\u0000"), value: lit.v };
}
