import type { DocNode, IrRule } from "./ir.js";

/** Creates an empty document node at `path`. */
export function newDocNode(path: readonly string[]): DocNode {
  return {
    path,
    children: new Map(),
    rules: [],
    defaultRule: undefined,
    // Every node has every field from the start, so that evaluation reads them from one shape.
    index: undefined,
    written: undefined,
    functions: undefined,
    cacheSlot: -1,
  };
}

/** Numbers the nodes below `root` (root included) for evaluations' document caches; returns how many. */
export function numberDocNodes(root: DocNode): number {
  let next = 0;
  const visit = (node: DocNode): void => {
    node.cacheSlot = next++;
    for (const child of node.children.values()) visit(child);
  };
  visit(root);
  return next;
}

/** The node at `path` below `root`, created on the way when `create`. */
export function docNodeAt(root: DocNode, path: readonly string[], create: true): DocNode;
export function docNodeAt(root: DocNode, path: readonly string[], create?: false): DocNode | undefined;
export function docNodeAt(root: DocNode, path: readonly string[], create = false): DocNode | undefined {
  let node = root;
  for (const seg of path) {
    let next = node.children.get(seg);
    if (next === undefined) {
      if (!create) return undefined;
      next = newDocNode([...node.path, seg]);
      node.children.set(seg, next);
    }
    node = next;
  }
  return node;
}

/** True when the node or any node below it holds rules. */
export function hasRulesBelow(node: DocNode): boolean {
  if (node.rules.length > 0 || node.defaultRule !== undefined) return true;
  for (const c of node.children.values()) if (hasRulesBelow(c)) return true;
  return false;
}

/** True for a plain `p contains x` (or `p[x]`) definition: no keys, `else` or default. */
export function isPlainSetRule(r: IrRule): boolean {
  return r.kind === "multi" && r.keys.length === 0 && r.elseRule === undefined && !r.isDefault;
}

/**
 * The function rules at a node, or undefined when the node holds no function (memoized on the
 * node: ask only once the policy is compiled).
 */
export function functionRules(node: DocNode | undefined): readonly IrRule[] | undefined {
  if (node === undefined) return undefined;
  let fns = node.functions;
  if (fns === undefined) {
    const found = node.rules.filter((r) => r.kind === "function");
    fns = found.length > 0 || node.defaultRule?.kind === "function" ? found : null;
    node.functions = fns;
  }
  return fns ?? undefined;
}
