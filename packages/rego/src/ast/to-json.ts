import { type JsonValue, toJson } from "../value/json.js";
import type { Body, Expr, Head, Import, Module, Rule, Term, With } from "./nodes.js";

/**
 * A module as OPA marshals its AST to JSON (`rego.parse_module`): terms as `{type, value}`,
 * expressions with `index` and `terms`, rules with `head` and `body`. Locations are left out, as
 * OPA leaves them out by default.
 */
export function moduleToJson(m: Module): JsonValue {
  const out: { [key: string]: JsonValue } = {
    package: { path: m.package.path.terms.map(termToJson) },
  };
  if (m.imports.length > 0) out.imports = m.imports.map(importToJson);
  if (m.rules.length > 0) out.rules = m.rules.map(ruleToJson);
  return out;
}

function importToJson(i: Import): JsonValue {
  const out: { [key: string]: JsonValue } = { path: termToJson(i.path) };
  if (i.alias !== undefined) out.alias = i.alias;
  return out;
}

function ruleToJson(r: Rule): JsonValue {
  const out: { [key: string]: JsonValue } = { head: headToJson(r.head), body: bodyToJson(r.body) };
  if (r.isDefault) out.default = true;
  if (r.else !== undefined) out.else = ruleToJson(r.else);
  return out;
}

function headToJson(h: Head): JsonValue {
  const first = h.ref[0];
  const out: { [key: string]: JsonValue } = {};
  if (first?.type === "var" && h.ref.length === 1) out.name = first.name;
  out.ref = h.ref.map((t, i) =>
    i === 0 && t.type === "var" ? { type: "var", value: t.name } : termToJson(t),
  );
  if (h.args !== undefined) out.args = h.args.map(termToJson);
  if (h.key !== undefined) out.key = termToJson(h.key);
  if (h.value !== undefined) out.value = termToJson(h.value);
  if (h.assign) out.assign = true;
  return out;
}

function bodyToJson(b: Body): JsonValue {
  return b.map((e, i) => exprToJson(e, i));
}

function exprToJson(e: Expr, index: number): JsonValue {
  const out: { [key: string]: JsonValue } = { index };
  if (e.negated) out.negated = true;
  const n = e.node;
  switch (n.kind) {
    case "term":
      out.terms = termToJson(n.term);
      break;
    case "call":
      out.terms = [termToJson(n.op), ...n.args.map(termToJson)];
      break;
    case "some":
      out.terms = { symbols: n.vars.map(termToJson) };
      break;
    case "somein": {
      const op = n.key ? "internal.member_3" : "internal.member_2";
      const args = [...(n.key ? [n.key] : []), n.value, n.collection].map(termToJson);
      out.terms = { symbols: [{ type: "call", value: [refOf(op), ...args] }] };
      break;
    }
    case "every": {
      const ev: { [key: string]: JsonValue } = {};
      if (n.key) ev.key = termToJson(n.key);
      ev.value = termToJson(n.value);
      ev.domain = termToJson(n.domain);
      ev.body = bodyToJson(n.body);
      out.terms = ev;
      break;
    }
  }
  if (e.with.length > 0) out.with = e.with.map(withToJson);
  return out;
}

function withToJson(w: With): JsonValue {
  return { target: termToJson(w.target), value: termToJson(w.value) };
}

function refOf(dotted: string): JsonValue {
  const [head, ...rest] = dotted.split(".");
  return {
    type: "ref",
    value: [{ type: "var", value: head ?? "" }, ...rest.map((s) => ({ type: "string", value: s }))],
  };
}

/** One term as OPA marshals it. */
export function termToJson(t: Term): JsonValue {
  switch (t.type) {
    case "scalar": {
      const v = t.value;
      if (v === null) return { type: "null" };
      const type = typeof v === "boolean" ? "boolean" : typeof v === "string" ? "string" : "number";
      return { type, value: toJson(v) };
    }
    case "var":
      return { type: "var", value: t.name.startsWith("$_") ? `$${t.name.slice(2)}` : t.name };
    case "ref":
      return {
        type: "ref",
        value: t.terms.map((x, i) =>
          i === 0 && x.type === "var" ? { type: "var", value: x.name } : termToJson(x),
        ),
      };
    case "array":
      return { type: "array", value: t.items.map(termToJson) };
    case "set":
      return { type: "set", value: t.items.map(termToJson) };
    case "object":
      return { type: "object", value: t.entries.map(([k, v]) => [termToJson(k), termToJson(v)]) };
    case "arraycomp":
      return { type: "arraycomprehension", value: { term: termToJson(t.head), body: bodyToJson(t.body) } };
    case "setcomp":
      return { type: "setcomprehension", value: { term: termToJson(t.head), body: bodyToJson(t.body) } };
    case "objectcomp":
      return {
        type: "objectcomprehension",
        value: { key: termToJson(t.key), value: termToJson(t.value), body: bodyToJson(t.body) },
      };
    case "call":
      return { type: "call", value: [termToJson(t.op), ...t.args.map(termToJson)] };
    case "template":
      return {
        type: "templatestring",
        value: t.parts.map((p) =>
          typeof p === "string"
            ? { type: "string", value: p }
            : "node" in p
              ? exprToJson(p, 0)
              : termToJson(p),
        ),
      };
  }
}
