import { INFIX_OPERATORS as INFIX } from "./infix.js";
import type { Body, Expr, Head, Import, Module, RefTerm, Rule, Term, With } from "./nodes.js";
import { isWildcard } from "./nodes.js";

/**
 * Prints the AST back as Rego (v1 syntax), for debugging and tests. Parsing the output gives the
 * same AST up to locations, wildcard numbering, comments and annotations. Nested operator calls are
 * always parenthesized, so the printer does not need to know precedence.
 */

const VAR_LIKE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function opName(op: RefTerm): string | undefined {
  const [head, ...rest] = op.terms;
  if (head?.type !== "var") return undefined;
  let name = head.name;
  for (const t of rest) {
    if (t.type !== "scalar" || typeof t.value !== "string") return undefined;
    name += `.${t.value}`;
  }
  return name;
}

/** `a op b` for operator calls (unparenthesized), or undefined for ordinary calls. */
function infix(op: RefTerm, args: readonly Term[]): string | undefined {
  const name = opName(op);
  if (name === undefined) return undefined;
  const [a, b, c] = args;
  if (name === "internal.member_2" && a && b && !c) return `${printTerm(a)} in ${printTerm(b)}`;
  if (name === "internal.member_3" && a && b && c && args.length === 3) {
    return `${printTerm(a)}, ${printTerm(b)} in ${printTerm(c)}`;
  }
  const sym = INFIX[name];
  if (sym !== undefined && a && b && !c) return `${printTerm(a)} ${sym} ${printTerm(b)}`;
  return undefined;
}

function printNumber(n: number | bigint): string {
  if (typeof n === "bigint") return n.toString();
  return Object.is(n, -0) ? "0" : String(n);
}

function printTemplateText(s: string, raw: boolean): string {
  const escaped = raw ? s : JSON.stringify(s).slice(1, -1);
  return escaped.replace(/\{/g, "\\{");
}

/** Prints a ref: `data.a["b-c"][x]`, `[1, 2][0]`, `f(x).y`. */
export function printRef(ref: RefTerm): string {
  return ref.terms
    .map((t, i) => {
      if (i === 0) return printTerm(t);
      if (t.type === "scalar" && typeof t.value === "string" && VAR_LIKE.test(t.value)) return `.${t.value}`;
      return `[${printTerm(t)}]`;
    })
    .join("");
}

/** Prints a term. */
export function printTerm(t: Term): string {
  switch (t.type) {
    case "scalar":
      if (t.value === null || typeof t.value === "boolean") return String(t.value);
      if (typeof t.value === "string") return JSON.stringify(t.value);
      return printNumber(t.value);
    case "var":
      return isWildcard(t.name) ? "_" : t.name;
    case "ref":
      return printRef(t);
    case "call": {
      const op = infix(t.op, t.args);
      return op === undefined ? `${printRef(t.op)}(${t.args.map(printTerm).join(", ")})` : `(${op})`;
    }
    case "array":
      return `[${t.items.map(printTerm).join(", ")}]`;
    case "set":
      return t.items.length === 0 ? "set()" : `{${t.items.map(printTerm).join(", ")}}`;
    case "object":
      return `{${t.entries.map(([k, v]) => `${printTerm(k)}: ${printTerm(v)}`).join(", ")}}`;
    case "arraycomp":
      return `[${printTerm(t.head)} | ${printBody(t.body, "; ")}]`;
    case "setcomp":
      return `{${printTerm(t.head)} | ${printBody(t.body, "; ")}}`;
    case "objectcomp":
      return `{${printTerm(t.key)}: ${printTerm(t.value)} | ${printBody(t.body, "; ")}}`;
    case "template": {
      const parts = t.parts
        .map((p) =>
          typeof p === "string"
            ? printTemplateText(p, t.raw)
            : `{${"node" in p ? printExpr(p) : printTerm(p)}}`,
        )
        .join("");
      return t.raw ? `$\`${parts}\`` : `$"${parts}"`;
    }
  }
}

function printWith(w: With): string {
  return `with ${printRef(w.target)} as ${printTerm(w.value)}`;
}

/** Prints one body expression. */
export function printExpr(e: Expr): string {
  const n = e.node;
  let text: string;
  switch (n.kind) {
    case "term":
      text = printTerm(n.term);
      break;
    case "call":
      text = infix(n.op, n.args) ?? `${printRef(n.op)}(${n.args.map(printTerm).join(", ")})`;
      break;
    case "some":
      text = `some ${n.vars.map(printTerm).join(", ")}`;
      break;
    case "somein":
      text = `some ${n.key ? `${printTerm(n.key)}, ` : ""}${printTerm(n.value)} in ${printTerm(n.collection)}`;
      break;
    case "every":
      text = `every ${n.key ? `${printTerm(n.key)}, ` : ""}${printTerm(n.value)} in ${printTerm(n.domain)} { ${printBody(n.body, "; ")} }`;
      break;
  }
  const withs = e.with.map((w) => ` ${printWith(w)}`).join("");
  return `${e.negated ? "not " : ""}${text}${withs}`;
}

/** Prints a body, expressions joined by `sep`. */
export function printBody(body: Body, sep = "\n\t"): string {
  return body.map(printExpr).join(sep);
}

function printHeadName(h: Head): string {
  const ref = printRef({ type: "ref", terms: h.ref, loc: h.loc });
  return h.args ? `${ref}(${h.args.map(printTerm).join(", ")})` : ref;
}

function printValue(value: Term, assign: boolean): string {
  return ` ${assign ? ":=" : "="} ${printTerm(value)}`;
}

function printBlock(body: Body): string {
  return ` if {\n\t${printBody(body)}\n}`;
}

/** Prints a rule with its `else` chain. */
export function printRule(r: Rule): string {
  const h = r.head;
  if (r.isDefault) return `default ${printHeadName(h)}${h.value ? printValue(h.value, h.assign) : ""}`;
  let out = printHeadName(h);
  if (h.contains && h.key) out += ` contains ${printTerm(h.key)}`;
  else if (h.value && !(h.value.type === "scalar" && h.value.value === true && !h.assign)) {
    out += printValue(h.value, h.assign);
  }
  out += printBlock(r.body);
  for (let e = r.else; e !== undefined; e = e.else) {
    out += ` else${e.head.value ? printValue(e.head.value, e.head.assign) : ""}${printBlock(e.body)}`;
  }
  return out;
}

function printImport(i: Import): string {
  return `import ${printRef(i.path)}${i.alias === undefined ? "" : ` as ${i.alias}`}`;
}

/** Prints a module (comments and annotations are not printed). */
export function printModule(m: Module): string {
  const [, first, ...rest] = m.package.path.terms;
  const name = first?.type === "scalar" && typeof first.value === "string" ? first.value : "";
  const pkg = printRef({
    type: "ref",
    terms: [{ type: "var", name, loc: m.package.loc }, ...rest],
    loc: m.package.loc,
  });
  const parts = [`package ${pkg}`];
  if (m.imports.length > 0) parts.push(m.imports.map(printImport).join("\n"));
  parts.push(...m.rules.map(printRule));
  return `${parts.join("\n\n")}\n`;
}
