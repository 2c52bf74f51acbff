import type { Expr, RefTerm, ScalarTerm, Term, VarTerm } from "../ast/nodes.js";
import type { Location } from "../location.js";

/** A `true` scalar at `loc` (generated rule values and bodies). */
export function trueTerm(loc: Location): ScalarTerm {
  return { type: "scalar", value: true, loc };
}

/** The expression `true` at `loc` (the body OPA gives rules written without one). */
export function trueBody(loc: Location): Expr[] {
  return [{ negated: false, node: { kind: "term", term: trueTerm(loc) }, with: [], loc }];
}

/** A ref naming an operator or builtin: `plus` → `[var plus]`, `a.b` → `[var a, "b"]`. */
export function nameRef(name: string, loc: Location): RefTerm {
  const [head = name, ...rest] = name.split(".");
  const terms: Term[] = [{ type: "var", name: head, loc } satisfies VarTerm];
  for (const part of rest) terms.push({ type: "scalar", value: part, loc });
  return { type: "ref", terms, loc };
}

/** How OPA names a term's kind in messages (`ValueName`). */
export function valueName(t: Term): string {
  switch (t.type) {
    case "scalar":
      if (t.value === null) return "null";
      if (typeof t.value === "boolean") return "boolean";
      if (typeof t.value === "string") return "string";
      return "number";
    case "arraycomp":
      return "arraycomprehension";
    case "setcomp":
      return "setcomprehension";
    case "objectcomp":
      return "objectcomprehension";
    case "template":
      return "templatestring";
    default:
      return t.type;
  }
}

const VAR_LIKE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A ref as OPA prints it: `data.a["b-c"][x]`. */
export function refString(terms: readonly Term[]): string {
  let out = "";
  terms.forEach((t, i) => {
    if (i === 0) {
      out += t.type === "var" ? t.name : termString(t);
      return;
    }
    if (t.type === "scalar" && typeof t.value === "string" && VAR_LIKE.test(t.value)) out += `.${t.value}`;
    else out += `[${termString(t)}]`;
  });
  return out;
}

/** A short rendering of a term for messages. */
export function termString(t: Term): string {
  switch (t.type) {
    case "scalar":
      return typeof t.value === "string" ? JSON.stringify(t.value) : String(t.value);
    case "var":
      return t.name;
    case "ref":
      return refString(t.terms);
    case "call":
      return `${refString(t.op.terms)}(${t.args.map(termString).join(", ")})`;
    case "array":
      return `[${t.items.map(termString).join(", ")}]`;
    case "set":
      return t.items.length === 0 ? "set()" : `{${t.items.map(termString).join(", ")}}`;
    case "object":
      return `{${t.entries.map(([k, v]) => `${termString(k)}: ${termString(v)}`).join(", ")}}`;
    default:
      return valueName(t);
  }
}

/** True when a term contains no variables (a ref's head does not count, as in OPA). */
export function isGround(t: Term): boolean {
  switch (t.type) {
    case "scalar":
      return true;
    case "var":
      return false;
    case "ref":
      return t.terms.slice(1).every(isGround);
    case "array":
    case "set":
      return t.items.every(isGround);
    case "object":
      return t.entries.every(([k, v]) => isGround(k) && isGround(v));
    case "call":
      return isGround(t.op) && t.args.every(isGround);
    case "template":
      return t.parts.every((p) => typeof p === "string" || ("node" in p ? false : isGround(p)));
    default:
      return false;
  }
}

/** The longest prefix of a ref whose terms are ground (its head included). */
export function groundPrefix(terms: readonly Term[]): readonly Term[] {
  let n = terms.length > 0 ? 1 : 0;
  while (n < terms.length) {
    const t = terms[n];
    if (t === undefined || !isGround(t)) break;
    n++;
  }
  return terms.slice(0, n);
}

/** Structural equality of terms, ignoring locations. */
export function termsEqual(a: Term, b: Term): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case "scalar":
      return b.type === "scalar" && a.value === b.value;
    case "var":
      return b.type === "var" && a.name === b.name;
    case "ref":
      return b.type === "ref" && listEqual(a.terms, b.terms);
    case "array":
    case "set":
      return (b.type === "array" || b.type === "set") && listEqual(a.items, b.items);
    case "call":
      return b.type === "call" && termsEqual(a.op, b.op) && listEqual(a.args, b.args);
    case "object":
      return (
        b.type === "object" &&
        a.entries.length === b.entries.length &&
        a.entries.every(([k, v], i) => {
          const e = b.entries[i];
          return e !== undefined && termsEqual(k, e[0]) && termsEqual(v, e[1]);
        })
      );
    default:
      return a === b;
  }
}

function listEqual(a: readonly Term[], b: readonly Term[]): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => {
      const u = b[i];
      return u !== undefined && termsEqual(t, u);
    })
  );
}

/** A deep copy of a term with every location replaced by `loc`. */
export function relocate(t: Term, loc: Location): Term {
  switch (t.type) {
    case "scalar":
    case "var":
      return { ...t, loc };
    case "ref":
      return { type: "ref", terms: t.terms.map((x) => relocate(x, loc)), loc };
    case "array":
      return { type: "array", items: t.items.map((x) => relocate(x, loc)), loc };
    case "set":
      return { type: "set", items: t.items.map((x) => relocate(x, loc)), loc };
    case "object":
      return {
        type: "object",
        entries: t.entries.map(([k, v]) => [relocate(k, loc), relocate(v, loc)] as const),
        loc,
      };
    case "call":
      return {
        type: "call",
        op: { type: "ref", terms: t.op.terms.map((x) => relocate(x, loc)), loc },
        args: t.args.map((x) => relocate(x, loc)),
        loc,
      };
    default:
      return { ...t, loc };
  }
}
