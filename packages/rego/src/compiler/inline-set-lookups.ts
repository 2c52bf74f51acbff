import { isPlainObject, type Value, valuesEqual } from "../value/value.js";
import type { DocNode, IrExpr, IrRule, IrTerm } from "./ir.js";
import { ruleWith } from "./ir-rule.js";
import { type MovedExpressions, moveExpressions } from "./move-expressions.js";
import { plainSetAt, rewriteRules } from "./rewrite-rules.js";
import { isPlainSetRule } from "./rule-tree.js";

/**
 * Inlines a partial-set lookup that ends a rule's body (stage InlineSetLookups, ours: OPA has
 * none). The gatekeeper-library writes
 *
 *     violation[{"msg": msg}] { general_violation[{"msg": msg, "field": "containers"}] }
 *
 * which, evaluated as written, runs every `general_violation` rule with `field` bound, builds each
 * member, keeps it in a set of its own and matches it against the pattern. Each such rule becomes,
 * instead, one rule per `general_violation` definition whose head can match: the definition's body
 * after `field = "containers"`, with the head `{"msg": <the definition's msg>}`. Both documents are
 * sets, so they hold the same members; the bodies run with the same bindings in the same frames.
 *
 * Tests before the lookup that bind no pattern variable (`not is_update(input.review)`) go
 * before each definition's body, their variables in slots added to its frame. Only plain shapes
 * are rewritten (decision 0011): an object pattern of constants and distinct variables; heads that
 * are objects of variables and constants with the same keys; no `with`, `print`, `else` or
 * defaults. `rego.metadata.rule()` is a constant of its rule by now, so it moves with the body.
 * `with data…` can replace what a lookup reads, so the rules as written stay on the node
 * ({@link DocNode.written}) for evaluations under it.
 */
export function inlineSetLookups(root: DocNode): void {
  rewriteRules(root, (node, r) => inlinedRule(root, node, r));
}

/** The rules standing for `r`, or undefined when it is not a lookup this stage rewrites. */
function inlinedRule(root: DocNode, node: DocNode, r: IrRule): IrRule[] | undefined {
  if (!isPlainSetRule(r)) return undefined;
  const e = r.body[r.body.length - 1];
  if (e === undefined || e.negated || e.with.length > 0) return undefined;
  const guards = r.body.slice(0, -1);
  if (e.node.k !== "term") return undefined;
  const ref = e.node.term;
  if (ref.k !== "ref" || ref.base.k !== "data" || ref.ops.length < 2) return undefined;
  const pattern = ref.ops[ref.ops.length - 1];
  const target = plainSetAt(root, ref.ops.slice(0, -1));
  if (pattern === undefined || target === undefined || target === node) return undefined;
  const parts = patternParts(pattern);
  if (parts === undefined || !varsWithin(r.value, parts.vars)) return undefined;
  const out: IrRule[] = [];
  for (const g of target.rules) {
    const moved = moveExpressions(guards, parts.vars, g.slots);
    if (moved === undefined) return undefined;
    const rule = instance(r, g, parts, moved);
    if (rule === null) return undefined;
    if (rule !== undefined) out.push(rule);
  }
  // With no definition left, the tests before the lookup would not run at all: an error of theirs
  // would go unseen.
  if (out.length === 0 && guards.length > 0) return undefined;
  return out;
}

/** A pattern's keys with their constants or variables (each variable once). */
interface PatternParts {
  readonly keys: readonly string[];
  readonly values: ReadonlyMap<string, IrTerm & { k: "const" | "var" }>;
  readonly vars: ReadonlySet<number>;
}

function patternParts(p: IrTerm): PatternParts | undefined {
  if (p.k !== "object") return undefined;
  const keys = constantKeys(p);
  if (keys === undefined) return undefined;
  const values = new Map<string, IrTerm & { k: "const" | "var" }>();
  const vars = new Set<number>();
  for (const [k, v] of p.entries) {
    if (v.k === "var") {
      if (vars.has(v.slot)) return undefined;
      vars.add(v.slot);
    } else if (v.k !== "const") return undefined;
    values.set((k as { v: string }).v, v);
  }
  return { keys, values, vars };
}

/** The keys of an object term when all are distinct constant strings, sorted. */
function constantKeys(t: IrTerm & { k: "object" }): string[] | undefined {
  const keys: string[] = [];
  for (const [k] of t.entries) {
    if (k.k !== "const" || typeof k.v !== "string" || keys.includes(k.v)) return undefined;
    keys.push(k.v);
  }
  return keys.sort();
}

/** True when every variable of `t` is one of `vars`, and `t` holds only constants, variables and collections. */
function varsWithin(t: IrTerm, vars: ReadonlySet<number>): boolean {
  switch (t.k) {
    case "const":
      return true;
    case "var":
      return vars.has(t.slot);
    case "array":
    case "set":
      return t.items.every((x) => varsWithin(x, vars));
    case "object":
      return t.entries.every(([k, v]) => varsWithin(k, vars) && varsWithin(v, vars));
    default:
      return false;
  }
}

/**
 * The rule for definition `g` of the looked-up set: undefined when its head can never match the
 * pattern, null when its shape is not one this stage handles.
 */
function instance(
  r: IrRule,
  g: IrRule,
  parts: PatternParts,
  guards: MovedExpressions,
): IrRule | null | undefined {
  const head = objectTerm(g.value);
  if (head === undefined) return null;
  const keys = constantKeys(head);
  if (keys === undefined) return null;
  if (keys.length !== parts.keys.length || keys.some((k, i) => k !== parts.keys[i])) return undefined;
  const prefix: IrExpr[] = [];
  const bound = new Map<number, IrTerm>();
  for (const [k, hv] of head.entries) {
    if (hv.k !== "var" && hv.k !== "const") return null;
    const pv = parts.values.get((k as { v: string }).v);
    if (pv === undefined) return null;
    if (pv.k === "var") bound.set(pv.slot, hv);
    else if (hv.k === "const") {
      if (!valuesEqual(hv.v, pv.v)) return undefined;
    } else prefix.push({ node: { k: "unify", a: hv, b: pv }, negated: false, with: [], loc: g.loc });
  }
  return ruleWith(g, {
    path: r.path,
    value: substitute(r.value, bound),
    body: [...guards.exprs, ...prefix, ...g.body],
    slots: guards.slots,
  });
}

/** An object term, or a constant object as one (the compiler folds constant heads). */
function objectTerm(t: IrTerm): (IrTerm & { k: "object" }) | undefined {
  if (t.k === "object") return t;
  if (t.k !== "const" || !isPlainObject(t.v)) return undefined;
  const o = t.v;
  return { k: "object", entries: Object.keys(o).map((k) => [constant(k), constant(o[k] as Value)] as const) };
}

function constant(v: Value): IrTerm {
  return { k: "const", v };
}

/** `t` with pattern variables replaced by the terms of a definition's head. */
function substitute(t: IrTerm, bound: ReadonlyMap<number, IrTerm>): IrTerm {
  switch (t.k) {
    case "var":
      return bound.get(t.slot) ?? t;
    case "array":
    case "set":
      return { ...t, items: t.items.map((x) => substitute(x, bound)) };
    case "object":
      return {
        ...t,
        entries: t.entries.map(([k, v]) => [substitute(k, bound), substitute(v, bound)] as const),
      };
    default:
      return t;
  }
}
