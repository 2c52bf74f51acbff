import type { DocNode, IrRule, IrTerm } from "./ir.js";
import { someInRule } from "./ir-visit.js";
import { isPlainSetRule } from "./rule-tree.js";

/**
 * Replaces rules of every document by the rules `rewrite` gives for them (undefined: keep the
 * rule). A node that changes keeps its rules as first written in {@link DocNode.written}, for
 * evaluations under `with data…`, which can replace what the rewritten rules no longer read.
 */
export function rewriteRules(
  root: DocNode,
  rewrite: (node: DocNode, rule: IrRule) => readonly IrRule[] | undefined,
): void {
  const nodes: DocNode[] = [];
  collect(root, nodes);
  for (const node of nodes) {
    if (node.defaultRule !== undefined) continue;
    let changed = false;
    const rules: IrRule[] = [];
    for (const r of node.rules) {
      const replaced = rewrite(node, r);
      if (replaced === undefined) rules.push(r);
      else {
        rules.push(...replaced);
        changed = true;
      }
    }
    if (!changed) continue;
    node.written ??= [...node.rules];
    node.rules.splice(0, node.rules.length, ...rules);
  }
}

function collect(node: DocNode, out: DocNode[]): void {
  if (node.rules.length > 0) out.push(node);
  for (const child of node.children.values()) collect(child, out);
}

/**
 * The node at a constant `data` path when it is a set all of whose rules are plain `p contains x`
 * definitions (no keys, `else` or default, no documents below) without `print` or `with`: inlined,
 * a definition's body runs with other bindings and as often as the rule it is inlined into, which
 * `print` would show.
 */
export function plainSetAt(root: DocNode, path: readonly IrTerm[]): DocNode | undefined {
  let node: DocNode | undefined = root;
  for (const op of path) {
    if (op.k !== "const" || typeof op.v !== "string") return undefined;
    node = node?.children.get(op.v);
  }
  if (node === undefined || node.children.size > 0 || node.defaultRule !== undefined) return undefined;
  if (node.rules.length === 0) return undefined;
  return node.rules.every((g) => isPlainSetRule(g) && !printsOrModifies(g)) ? node : undefined;
}

/** Whether a rule calls `print` (its output would show how often the body ran) or uses `with`. */
export function printsOrModifies(r: IrRule): boolean {
  return someInRule(r, (item) => item.k === "with" || (item.k === "call" && item.fn.name === "print"));
}
