import type { Body, Expr, RefTerm, RegoVersion, Term } from "@portcullis/rego";
import { parseQuery } from "@portcullis/rego";
import { QUERY_FILE } from "./errors.js";

/** One expression of a query as `opa eval` reports it. */
export interface PlannedExpression {
  /** The expression's source text. */
  readonly text: string;
  readonly row: number;
  readonly col: number;
  /** The variable the rewritten query binds to the expression's value; absent when the value is `true`. */
  readonly capture: string | undefined;
}

/** A query rewritten so that evaluating it yields each expression's value as a binding. */
export interface QueryPlan {
  readonly original: string;
  /** The query to evaluate (equal to `original` when nothing is captured). */
  readonly rewritten: string;
  readonly expressions: readonly PlannedExpression[];
  /** Names of the capture variables, to drop from the bindings shown. */
  readonly captures: ReadonlySet<string>;
}

/** What the planner needs to know about functions: how many arguments a call by this name takes. */
export interface FunctionInfo {
  /** Declared argument count of a builtin or user function; undefined when unknown. */
  arity(name: string): number | undefined;
  /** True for builtins that yield several results (`walk`), whose value is not captured. */
  isRelation(name: string): boolean;
}

/**
 * Plans a query as OPA's `rego` package does before evaluation: an expression that is a term
 * (`input.x`, `data.p[_]`) or a call whose output is not given (`count(xs)`, `1 == 2`, `x + 1`)
 * is rewritten to capture its value; `=`, `:=`, `not …`, `some` and `every` expressions have the
 * value `true`. When the query has several expressions or iterates, each captured value must also
 * be truthy (OPA appends a check), so `false` results are dropped. Throws the engine's RegoErrors
 * when the query does not parse.
 */
export function planQuery(text: string, version: RegoVersion, functions: FunctionInfo): QueryPlan {
  const body = parseQuery(text, { file: QUERY_FILE, regoVersion: version });
  const ordered = [...body].sort((a, b) => a.loc.offset - b.loc.offset);
  const prefix = captureprefix(text);
  const captures = new Set<string>();
  const expressions: PlannedExpression[] = [];
  const parts: string[] = [];
  ordered.forEach((expr, i) => {
    const next = ordered[i + 1];
    const span = trimTail(text.slice(expr.loc.offset, next !== undefined ? next.loc.offset : text.length));
    const capture = capturesValue(expr, functions) ? `${prefix}${i}` : undefined;
    expressions.push({ text: span, row: expr.loc.row, col: expr.loc.col, capture });
    if (capture === undefined) {
      parts.push(span);
      return;
    }
    captures.add(capture);
    const withAt = expr.with[0]?.loc.offset;
    const cut = withAt !== undefined ? withAt - expr.loc.offset : span.length;
    parts.push(
      `${capture} = (${span.slice(0, cut).trimEnd()})${withAt !== undefined ? ` ${span.slice(cut)}` : ""}`,
    );
  });
  if (captures.size === 0) return { original: text, rewritten: text, expressions, captures };
  if (ordered.length > 1 || iterates(body, functions)) parts.push(...captures);
  return { original: text, rewritten: parts.join("\n"), expressions, captures };
}

function capturesValue(expr: Expr, functions: FunctionInfo): boolean {
  if (expr.negated) return false;
  const node = expr.node;
  if (node.kind === "term") return true;
  if (node.kind !== "call") return false;
  const name = refName(node.op);
  if (name === "eq" || name === "assign" || name === undefined || functions.isRelation(name)) return false;
  return functions.arity(name) === node.args.length;
}

/** `a.b.c` for a ref of a var and string operands; undefined for other refs. */
export function refName(ref: RefTerm): string | undefined {
  const parts: string[] = [];
  for (const [i, t] of ref.terms.entries()) {
    if (i === 0 && t.type === "var") parts.push(t.name);
    else if (i > 0 && t.type === "scalar" && typeof t.value === "string") parts.push(t.value);
    else return undefined;
  }
  return parts.join(".");
}

/** OPA's `iteration` check: a ref with a variable operand, or a relation call, outside comprehensions. */
function iterates(body: Body, functions: FunctionInfo): boolean {
  const visitTerm = (t: Term | undefined): boolean => {
    if (t === undefined) return false;
    switch (t.type) {
      case "ref":
        return t.terms.some((x, i) => (i > 0 && x.type === "var") || visitTerm(x));
      case "array":
      case "set":
        return t.items.some(visitTerm);
      case "object":
        return t.entries.some(([k, v]) => visitTerm(k) || visitTerm(v));
      case "call": {
        const name = refName(t.op);
        return (name !== undefined && functions.isRelation(name)) || t.args.some(visitTerm);
      }
      case "template":
        return t.parts.some((p) => typeof p !== "string" && "type" in p && visitTerm(p));
      default:
        return false;
    }
  };
  return body.some((expr) => {
    const n = expr.node;
    const own =
      n.kind === "term"
        ? visitTerm(n.term)
        : n.kind === "call"
          ? (refName(n.op) !== undefined && functions.isRelation(refName(n.op) ?? "")) ||
            n.args.some(visitTerm)
          : n.kind === "somein"
            ? visitTerm(n.collection)
            : n.kind === "every"
              ? visitTerm(n.domain)
              : false;
    return own || expr.with.some((w) => visitTerm(w.value));
  });
}

/** Drops what follows an expression up to the next one: whitespace, `;` and `#` comments. */
export function trimTail(span: string): string {
  let s = span;
  for (;;) {
    const before = s;
    s = s.replace(/[\s;]+$/, "");
    const lineStart = s.lastIndexOf("\n") + 1;
    const hash = commentStart(s.slice(lineStart));
    if (hash >= 0) s = s.slice(0, lineStart + hash);
    if (s === before) return s;
  }
}

/** Index of a `#` that starts a comment in one line (outside string literals), or -1. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "`") quote = c;
    else if (c === "#") return i;
  }
  return -1;
}

/** A variable prefix for captures that the query does not use. */
function captureprefix(text: string): string {
  let prefix = "pcq__";
  while (text.includes(prefix)) prefix = `${prefix}_`;
  return prefix;
}
