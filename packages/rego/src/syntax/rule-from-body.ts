import type { Body, Term } from "../ast/nodes.js";
import type { Location } from "../location.js";
import { refString, trueBody, trueTerm, valueName } from "./ast-util.js";
import type { HeadDraft, RuleDraft } from "./rule-draft.js";

/** Names of the operators (always builtins) a top-level call may not define. */
const OPERATORS: ReadonlySet<string> = new Set([
  "eq",
  "assign",
  "equal",
  "neq",
  "lt",
  "lte",
  "gt",
  "gte",
  "plus",
  "minus",
  "mul",
  "div",
  "rem",
  "and",
  "or",
  "internal.member_2",
  "internal.member_3",
]);

function head(ref: Term[], loc: Location, extra: Partial<HeadDraft> = {}): HeadDraft {
  return {
    ref,
    args: undefined,
    key: undefined,
    value: undefined,
    assign: false,
    loc,
    generatedValue: false,
    hasIf: false,
    hasContains: false,
    ...extra,
  };
}

function rule(h: HeadDraft, loc: Location, bodyLoc: Location): RuleDraft {
  return { head: h, body: trueBody(bodyLoc), else: undefined, isDefault: false, loc, generatedBody: true };
}

/**
 * Reads a top-level statement that did not parse as a rule (`p = 1`, `p[x]`, `a.b.c`, `f(x) = y`)
 * as a rule without body, as OPA does. Returns the rule or OPA's error message.
 */
export function ruleFromBody(body: Body, isBuiltin: (name: string) => boolean): RuleDraft | string {
  const [expr, ...more] = body;
  if (expr === undefined || more.length > 0) return "multiple expressions cannot be used for rule head";
  if (expr.with.length > 0) return "expressions using with keyword cannot be used for rule head";
  if (expr.negated) return "negated expressions cannot be used for rule head";
  const node = expr.node;
  switch (node.kind) {
    case "some":
    case "somein":
      return "'some' declarations cannot be used for rule head";
    case "every":
      return "expression cannot be used for rule head";
    case "term": {
      const t = node.term;
      if (t.type !== "ref") return `${valueName(t)} cannot be used for rule name`;
      const [first, second] = t.terms;
      if (t.terms.length === 1) return "refs cannot be used for rule head";
      if (first?.type !== "var") return `invalid rule head: ${refString(t.terms)}`;
      if (t.terms.length > 2) {
        return rule(
          head([...t.terms], t.loc, { value: trueTerm(t.loc), generatedValue: true }),
          t.loc,
          t.loc,
        );
      }
      return rule(head([first], t.loc, { key: second }), t.loc, t.loc);
    }
    case "call": {
      const name = refString(node.op.terms);
      const [lhs, rhs] = node.args;
      if (name === "eq" || name === "assign") {
        if (lhs === undefined || rhs === undefined) return "assignment requires two operands";
        const r = fromEquality(lhs, rhs, expr.loc);
        if (typeof r !== "string") r.head.assign = name === "assign";
        return r;
      }
      if (OPERATORS.has(name) || isBuiltin(name)) return "rule name conflicts with built-in function";
      if (node.args.length === 0) return "rule argument list must take at least one argument";
      if (node.op.terms[0]?.type !== "var") return `invalid rule head: ${refString(node.op.terms)}`;
      const loc = node.op.loc;
      return rule(head([...node.op.terms], loc, { args: [...node.args], value: trueTerm(loc) }), loc, loc);
    }
  }
}

function fromEquality(lhs: Term, rhs: Term, loc: Location): RuleDraft | string {
  if (lhs.type === "call" && lhs.op.terms[0]?.type === "var") {
    return rule(head([...lhs.op.terms], loc, { args: [...lhs.args], value: rhs }), loc, rhs.loc);
  }
  if (lhs.type === "ref") {
    if (lhs.terms[0]?.type !== "var") return `invalid rule head: ${refString(lhs.terms)}`;
    return rule(
      head([...lhs.terms], loc, { value: rhs, key: lhs.terms.length === 2 ? lhs.terms[1] : undefined }),
      loc,
      rhs.loc,
    );
  }
  if (lhs.type === "var") return rule(head([lhs], loc, { value: rhs }), loc, rhs.loc);
  return `${valueName(lhs)} cannot be used for rule name`;
}
