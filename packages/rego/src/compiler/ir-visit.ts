import type { FnTarget, IrBody, IrExprNode, IrRule, IrTerm } from "./ir.js";

/** What {@link someInRule} shows its test: a term, a call target, or an expression's `with`. */
export type IrItem =
  | { readonly k: "term"; readonly term: IrTerm }
  | { readonly k: "call"; readonly fn: FnTarget }
  | { readonly k: "with" };

/** True when `test` holds for some term, call or `with` of a rule, its value or its `else` chain. */
export function someInRule(rule: IrRule, test: (item: IrItem) => boolean): boolean {
  for (let r: IrRule | undefined = rule; r !== undefined; r = r.elseRule) {
    if (someInBody(r.body, test) || someInTerm(r.value, test)) return true;
    if (r.args.some((a) => someInTerm(a, test)) || r.keys.some((k) => someInTerm(k, test))) return true;
  }
  return false;
}

function someInBody(body: IrBody, test: (item: IrItem) => boolean): boolean {
  const inTerm = (t: IrTerm): boolean => someInTerm(t, test);
  for (const e of body) {
    if (e.with.length > 0 && test({ k: "with" })) return true;
    if (e.with.some((w) => inTerm(w.value))) return true;
    const n = e.node;
    switch (n.k) {
      case "call":
        if (test({ k: "call", fn: n.fn }) || n.args.some(inTerm)) return true;
        if (n.out !== undefined && inTerm(n.out)) return true;
        break;
      case "term":
        if (inTerm(n.term)) return true;
        break;
      case "unify":
        if (inTerm(n.a) || inTerm(n.b)) return true;
        break;
      case "somein":
        if (inTerm(n.coll) || inTerm(n.value) || (n.key !== undefined && inTerm(n.key))) return true;
        break;
      case "every":
        if (inTerm(n.domain) || inTerm(n.value) || (n.key !== undefined && inTerm(n.key))) return true;
        if (someInBody(n.body, test)) return true;
        break;
      case "nop":
        break;
    }
  }
  return false;
}

function someInTerm(t: IrTerm, test: (item: IrItem) => boolean): boolean {
  if (test({ k: "term", term: t })) return true;
  const inTerm = (x: IrTerm): boolean => someInTerm(x, test);
  switch (t.k) {
    case "call":
      return test({ k: "call", fn: t.fn }) || t.args.some(inTerm);
    case "ref":
      return inTerm(t.base) || t.ops.some(inTerm);
    case "array":
    case "set":
      return t.items.some(inTerm);
    case "object":
      return t.entries.some(([k, v]) => inTerm(k) || inTerm(v));
    case "arraycomp":
    case "setcomp":
      return inTerm(t.head) || someInBody(t.body, test);
    case "objectcomp":
      return inTerm(t.key) || inTerm(t.value) || someInBody(t.body, test);
    case "template":
      return t.parts.some((p) => typeof p !== "string" && inTerm(p));
    case "withterm":
      return test({ k: "with" }) || inTerm(t.term) || t.with.some((w) => inTerm(w.value));
    default:
      return false;
  }
}

/** The terms an expression evaluates itself, in order (not those of an `every` body). */
export function exprTerms(n: IrExprNode): readonly IrTerm[] {
  switch (n.k) {
    case "term":
      return [n.term];
    case "unify":
      return [n.a, n.b];
    case "call":
      return n.out === undefined ? n.args : [...n.args, n.out];
    case "somein":
      return n.key === undefined ? [n.value, n.coll] : [n.key, n.value, n.coll];
    default:
      return [];
  }
}

/**
 * The terms a term is built of and evaluated with (a reference's base, then its operands), without
 * entering comprehensions, templates or `with` terms, which evaluate on their own.
 */
export function subterms(t: IrTerm): readonly IrTerm[] {
  switch (t.k) {
    case "ref":
      return [t.base, ...t.ops];
    case "array":
    case "set":
      return t.items;
    case "object":
      return t.entries.flat();
    case "call":
      return t.args;
    default:
      return [];
  }
}
