import type { Body, Expr, ExprNode, Head, Import, Module, RefTerm, Rule, Term, With } from "@portcullis/rego";

/**
 * Rebuilds a module with every reference passed through `mapRef` (and every bare var through
 * `mapVar`). Nodes are immutable, so changed paths are copied; untouched subtrees are shared.
 */
export interface TermMapper {
  ref(ref: RefTerm): RefTerm;
  /** Called for bare variables (not the head of a ref). */
  variable(term: Term & { type: "var" }): void;
}

export function mapModule(m: Module, f: TermMapper, pkg: RefTerm): Module {
  return {
    ...m,
    package: { ...m.package, path: pkg },
    imports: m.imports.map((i): Import => ({ ...i, path: f.ref(i.path) })),
    rules: m.rules.map((r) => mapRule(r, f)),
  };
}

function mapRule(r: Rule, f: TermMapper): Rule {
  return {
    ...r,
    head: mapHead(r.head, f),
    body: mapBody(r.body, f),
    else: r.else ? mapRule(r.else, f) : undefined,
  };
}

function mapHead(h: Head, f: TermMapper): Head {
  return {
    ...h,
    ref: h.ref.map((t, i) => (i === 0 ? t : mapTerm(t, f))),
    args: h.args?.map((t) => mapTerm(t, f)),
    key: h.key ? mapTerm(h.key, f) : undefined,
    value: h.value ? mapTerm(h.value, f) : undefined,
  };
}

function mapBody(b: Body, f: TermMapper): Body {
  return b.map((e) => mapExpr(e, f));
}

function mapExpr(e: Expr, f: TermMapper): Expr {
  return {
    ...e,
    node: mapNode(e.node, f),
    with: e.with.map((w): With => ({ ...w, target: f.ref(w.target), value: mapTerm(w.value, f) })),
  };
}

function mapNode(n: ExprNode, f: TermMapper): ExprNode {
  switch (n.kind) {
    case "term":
      return { kind: "term", term: mapTerm(n.term, f) };
    case "call":
      return { kind: "call", op: f.ref(n.op), args: n.args.map((a) => mapTerm(a, f)) };
    case "some":
      return n;
    case "somein":
      return {
        kind: "somein",
        key: n.key ? mapTerm(n.key, f) : undefined,
        value: mapTerm(n.value, f),
        collection: mapTerm(n.collection, f),
      };
    case "every":
      return {
        kind: "every",
        key: n.key ? mapTerm(n.key, f) : undefined,
        value: mapTerm(n.value, f),
        domain: mapTerm(n.domain, f),
        body: mapBody(n.body, f),
      };
  }
}

function mapTerm(t: Term, f: TermMapper): Term {
  switch (t.type) {
    case "scalar":
      return t;
    case "var":
      f.variable(t);
      return t;
    case "ref": {
      const mapped: RefTerm = {
        ...t,
        terms: t.terms.map((x, i) => (i === 0 && x.type === "var" ? x : mapTerm(x, f))),
      };
      return f.ref(mapped);
    }
    case "array":
      return { ...t, items: t.items.map((x) => mapTerm(x, f)) };
    case "set":
      return { ...t, items: t.items.map((x) => mapTerm(x, f)) };
    case "object":
      return { ...t, entries: t.entries.map(([k, v]) => [mapTerm(k, f), mapTerm(v, f)] as const) };
    case "arraycomp":
    case "setcomp":
      return { ...t, head: mapTerm(t.head, f), body: mapBody(t.body, f) };
    case "objectcomp":
      return { ...t, key: mapTerm(t.key, f), value: mapTerm(t.value, f), body: mapBody(t.body, f) };
    case "call":
      return { ...t, op: f.ref(t.op), args: t.args.map((a) => mapTerm(a, f)) };
    case "template":
      return {
        ...t,
        parts: t.parts.map((p) => (typeof p === "string" ? p : "node" in p ? mapExpr(p, f) : mapTerm(p, f))),
      };
  }
}
