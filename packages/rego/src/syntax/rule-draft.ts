import type { Annotation, Body, Head, Rule, Term } from "../ast/nodes.js";
import type { Location } from "../location.js";

/** A rule head while parsing, with the facts OPA's checks need that the AST does not keep. */
export interface HeadDraft {
  ref: Term[];
  args: Term[] | undefined;
  /** OPA's `Head.Key`: set for `contains`, for v0 `p[x]` heads and for `p[x] if` with a var key. */
  key: Term | undefined;
  value: Term | undefined;
  assign: boolean;
  loc: Location;
  generatedValue: boolean;
  hasIf: boolean;
  hasContains: boolean;
}

/** A rule while parsing. */
export interface RuleDraft {
  head: HeadDraft;
  body: Body;
  else: RuleDraft | undefined;
  isDefault: boolean;
  loc: Location;
  generatedBody: boolean;
}

/** A copy of a head for a chained body or `else`, with fresh names for wildcard arguments. */
export function copyHead(h: HeadDraft, wildcard: () => string): HeadDraft {
  const args = h.args?.map((a) =>
    a.type === "var" && a.name.startsWith("$_") ? { ...a, name: wildcard() } : a,
  );
  return { ...h, ref: [...h.ref], args };
}

/** A multi-value (partial set) rule: a key and no value. */
export function isMultiValue(h: HeadDraft): boolean {
  return h.key !== undefined && h.value === undefined;
}

/** The AST head. */
export function finishHead(h: HeadDraft): Head {
  const contains = isMultiValue(h);
  return {
    ref: h.ref,
    args: h.args,
    key: contains ? h.key : undefined,
    value: h.value,
    assign: h.assign,
    contains,
    loc: h.loc,
  };
}

/** The AST rule (with its `else` chain). */
export function finishRule(r: RuleDraft, annotations: readonly Annotation[]): Rule {
  return {
    head: finishHead(r.head),
    body: r.body,
    else: r.else === undefined ? undefined : finishRule(r.else, []),
    isDefault: r.isDefault,
    loc: r.loc,
    annotations,
  };
}
