import type { DocNode, FnTarget, IrRule } from "../compiler/ir.js";
import { type IrItem, someInRule } from "../compiler/ir-visit.js";
import { functionRules } from "../compiler/rule-tree.js";

/** Builtins that read the clock or print, though OPA does not mark them non-deterministic. */
const IMPURE_BUILTINS: ReadonlySet<string> = new Set([
  "print",
  "trace",
  "crypto.x509.parse_and_verify_certificates",
  "crypto.x509.parse_and_verify_certificates_with_options",
]);

const IN_PROGRESS = Symbol("in progress");
const known = new WeakMap<DocNode, boolean | typeof IN_PROGRESS>();

/**
 * Whether the function defined at `node` depends on its arguments alone: no `input`, no `data`
 * other than calls of functions that are pure themselves, no `with`, and only deterministic
 * builtins that have no side effects. Such a function gives the same result for the same
 * arguments in every query, unless a `with` replaces a function it calls.
 */
export function isPureFunction(node: DocNode, root: DocNode): boolean {
  const seen = known.get(node);
  if (seen !== undefined) return seen === true;
  known.set(node, IN_PROGRESS);
  const rules: IrRule[] = [...(functionRules(node) ?? [])];
  if (node.defaultRule !== undefined) rules.push(node.defaultRule);
  const impure = (item: IrItem): boolean => {
    switch (item.k) {
      case "with":
        return true;
      case "term":
        return item.term.k === "input" || item.term.k === "data";
      case "call":
        return !pureCall(item.fn, root);
    }
  };
  const pure = rules.length > 0 && !rules.some((r) => someInRule(r, impure));
  known.set(node, pure);
  return pure;
}

/** Whether a call gives the same result for the same arguments in every query (see {@link isPureFunction}). */
export function pureCall(fn: FnTarget, root: DocNode): boolean {
  if (fn.builtin !== undefined) return !fn.builtin.decl.nondeterministic && !IMPURE_BUILTINS.has(fn.name);
  if (fn.path === undefined) return false;
  let node: DocNode | undefined = root;
  for (const s of fn.path) node = node?.children.get(s);
  return node !== undefined && isPureFunction(node, root);
}
