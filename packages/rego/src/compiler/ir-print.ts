import { INFIX_OPERATORS as INFIX } from "../ast/infix.js";
import { isWildcard } from "../ast/nodes.js";
import { formatValue } from "../value/format.js";
import type { IrBody, IrExpr, IrRule, IrTerm, IrWith } from "./ir.js";

/**
 * Prints compiled Rego back as Rego text, for evaluation traces. Names are those the compiler
 * kept (its own temporaries included), `:=` shows as `=` as in OPA's traces, and operator calls
 * are infix and parenthesized when nested.
 */

const VAR_LIKE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `data.a.b` for a rule or function, as traces name it. */
export function rulePath(rule: IrRule): string {
  return `data.${rule.path.join(".")}`;
}

/** One body expression, with `not` and its `with` modifiers. */
export function printIrExpr(e: IrExpr): string {
  const text = printNode(e);
  const negated = e.negated ? `not ${text}` : text;
  return e.with.length === 0 ? negated : `${negated} ${e.with.map(printWith).join(" ")}`;
}

/** A body as its expressions joined by `; `. */
export function printIrBody(body: IrBody): string {
  return body.map(printIrExpr).join("; ");
}

function printNode(e: IrExpr): string {
  const n = e.node;
  switch (n.k) {
    case "nop":
      return "true";
    case "term":
      return printIrTerm(n.term);
    case "unify":
      return `${printIrTerm(n.a)} = ${printIrTerm(n.b)}`;
    case "call": {
      const call = callText(n.fn.name, n.args);
      return n.out === undefined ? call : `${printIrTerm(n.out)} = ${call}`;
    }
    case "somein":
      return n.key === undefined
        ? `some ${printIrTerm(n.value)} in ${printIrTerm(n.coll)}`
        : `some ${printIrTerm(n.key)}, ${printIrTerm(n.value)} in ${printIrTerm(n.coll)}`;
    case "every": {
      const vars =
        n.key === undefined ? printIrTerm(n.value) : `${printIrTerm(n.key)}, ${printIrTerm(n.value)}`;
      return `every ${vars} in ${printIrTerm(n.domain)} { ${printIrBody(n.body)} }`;
    }
  }
}

function callText(name: string, args: readonly IrTerm[]): string {
  const [a, b, c] = args;
  const sym = INFIX[name];
  if (sym !== undefined && a !== undefined && b !== undefined && c === undefined)
    return `${operand(a)} ${sym} ${operand(b)}`;
  if (name === "internal.member_2" && a !== undefined && b !== undefined && c === undefined)
    return `${operand(a)} in ${operand(b)}`;
  return `${name}(${args.map(printIrTerm).join(", ")})`;
}

/** An operand of an infix operator: nested operator calls are parenthesized. */
function operand(t: IrTerm): string {
  const text = printIrTerm(t);
  return t.k === "call" && (INFIX[t.fn.name] !== undefined || t.fn.name === "internal.member_2")
    ? `(${text})`
    : text;
}

function printWith(w: IrWith): string {
  const target =
    w.target.kind === "function"
      ? w.target.name
      : `${w.target.kind}${w.target.path.map((p) => (VAR_LIKE.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join("")}`;
  return `with ${target} as ${printIrTerm(w.value)}`;
}

/** One term. */
export function printIrTerm(t: IrTerm): string {
  switch (t.k) {
    case "const":
      return formatValue(t.v);
    case "var":
      return isWildcard(t.name) ? "_" : t.name;
    case "input":
      return "input";
    case "data":
      return "data";
    case "ref":
      return printIrTerm(t.base) + t.ops.map(printOperand).join("");
    case "array":
      return `[${t.items.map(printIrTerm).join(", ")}]`;
    case "set":
      return t.items.length === 0 ? "set()" : `{${t.items.map(printIrTerm).join(", ")}}`;
    case "object":
      return `{${t.entries.map(([k, v]) => `${printIrTerm(k)}: ${printIrTerm(v)}`).join(", ")}}`;
    case "arraycomp":
      return `[${printIrTerm(t.head)} | ${printIrBody(t.body)}]`;
    case "setcomp":
      return `{${printIrTerm(t.head)} | ${printIrBody(t.body)}}`;
    case "objectcomp":
      return `{${printIrTerm(t.key)}: ${printIrTerm(t.value)} | ${printIrBody(t.body)}}`;
    case "call":
      return callText(t.fn.name, t.args);
    case "template":
      return `$"${t.parts.map((p) => (typeof p === "string" ? p.replace(/[{"\\]/g, (c) => `\\${c}`) : `{${printIrTerm(p)}}`)).join("")}"`;
    case "withterm":
      return `${printIrTerm(t.term)} ${t.with.map(printWith).join(" ")}`;
  }
}

function printOperand(op: IrTerm): string {
  if (op.k === "const" && typeof op.v === "string" && VAR_LIKE.test(op.v)) return `.${op.v}`;
  return `[${printIrTerm(op)}]`;
}
