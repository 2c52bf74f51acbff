import { CompileError } from "../errors.js";
import type { DocNode, IrBody, IrExpr, IrRule, IrTerm } from "./ir.js";

/**
 * Finds rules that depend on themselves (OPA's CheckRecursion) and reports each cycle once as
 * `rego_recursion_error: rule data.p is recursive: data.p -> data.q -> data.p`.
 */
export function checkRecursion(root: DocNode, errors: CompileError[]): void {
  const ruleNodes: DocNode[] = [];
  collectRuleNodes(root, ruleNodes);
  const edges = new Map<DocNode, Set<DocNode>>();
  for (const node of ruleNodes) {
    const deps = new Set<DocNode>();
    const rules = node.defaultRule ? [...node.rules, node.defaultRule] : node.rules;
    for (const r of rules) ruleDeps(r, root, deps);
    edges.set(node, deps);
  }
  const state = new Map<DocNode, "visiting" | "done">();
  const stack: DocNode[] = [];
  const reported = new Set<DocNode>();
  const visit = (n: DocNode): void => {
    state.set(n, "visiting");
    stack.push(n);
    for (const d of edges.get(n) ?? []) {
      const st = state.get(d);
      if (st === "visiting") {
        const cycle = stack.slice(stack.indexOf(d));
        if (!reported.has(d)) {
          reported.add(d);
          const names = [...cycle, d].map((x) => `data.${x.path.join(".")}`);
          const rule = d.rules[0] ?? d.defaultRule;
          errors.push(
            new CompileError(
              "rego_recursion_error",
              `rule ${names[0]} is recursive: ${names.join(" -> ")}`,
              rule?.loc,
            ),
          );
        }
      } else if (st === undefined) visit(d);
    }
    stack.pop();
    state.set(n, "done");
  };
  for (const n of ruleNodes) if (!state.has(n)) visit(n);
}

function collectRuleNodes(n: DocNode, out: DocNode[]): void {
  if (n.rules.length > 0 || n.defaultRule) out.push(n);
  for (const c of n.children.values()) collectRuleNodes(c, out);
}

function ruleDeps(r: IrRule, root: DocNode, out: Set<DocNode>): void {
  for (const t of [...r.keys, r.value, ...r.args]) termDeps(t, root, out);
  bodyDeps(r.body, root, out);
  if (r.elseRule) ruleDeps(r.elseRule, root, out);
}

function bodyDeps(b: IrBody, root: DocNode, out: Set<DocNode>): void {
  for (const e of b) exprDeps(e, root, out);
}

function exprDeps(e: IrExpr, root: DocNode, out: Set<DocNode>): void {
  for (const w of e.with) termDeps(w.value, root, out);
  const n = e.node;
  switch (n.k) {
    case "term":
      termDeps(n.term, root, out);
      return;
    case "unify":
      termDeps(n.a, root, out);
      termDeps(n.b, root, out);
      return;
    case "call":
      fnDeps(n.fn.path, root, out);
      for (const a of n.args) termDeps(a, root, out);
      if (n.out) termDeps(n.out, root, out);
      return;
    case "somein":
      if (n.key) termDeps(n.key, root, out);
      termDeps(n.value, root, out);
      termDeps(n.coll, root, out);
      return;
    case "every":
      termDeps(n.domain, root, out);
      bodyDeps(n.body, root, out);
      return;
    case "nop":
      return;
  }
}

function fnDeps(path: readonly string[] | undefined, root: DocNode, out: Set<DocNode>): void {
  if (path === undefined) return;
  let node: DocNode | undefined = root;
  for (const seg of path) node = node?.children.get(seg);
  if (node) out.add(node);
}

function termDeps(t: IrTerm, root: DocNode, out: Set<DocNode>): void {
  switch (t.k) {
    case "data":
      addBelow(root, out);
      return;
    case "ref": {
      if (t.base.k === "data") {
        let node: DocNode = root;
        let i = 0;
        for (; i < t.ops.length; i++) {
          const op = t.ops[i] as IrTerm;
          if (node.rules.length > 0 || node.defaultRule) break;
          if (op.k !== "const" || typeof op.v !== "string") break;
          const next = node.children.get(op.v);
          if (next === undefined) {
            node = root;
            break;
          }
          node = next;
        }
        if (node !== root) {
          if (node.rules.length > 0 || node.defaultRule) out.add(node);
          else addBelow(node, out);
        }
      } else termDeps(t.base, root, out);
      for (const o of t.ops) termDeps(o, root, out);
      return;
    }
    case "array":
    case "set":
      for (const i of t.items) termDeps(i, root, out);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        termDeps(k, root, out);
        termDeps(v, root, out);
      }
      return;
    case "arraycomp":
    case "setcomp":
      termDeps(t.head, root, out);
      bodyDeps(t.body, root, out);
      return;
    case "objectcomp":
      termDeps(t.key, root, out);
      termDeps(t.value, root, out);
      bodyDeps(t.body, root, out);
      return;
    case "call":
      fnDeps(t.fn.path, root, out);
      for (const a of t.args) termDeps(a, root, out);
      return;
    case "template":
      for (const p of t.parts) if (typeof p !== "string") termDeps(p, root, out);
      return;
    case "withterm":
      termDeps(t.term, root, out);
      return;
    default:
      return;
  }
}

function addBelow(n: DocNode, out: Set<DocNode>): void {
  if (n.rules.length > 0 || n.defaultRule) out.add(n);
  for (const c of n.children.values()) addBelow(c, out);
}
