import type { Location } from "../location.js";
import type { Scalar } from "../value/value.js";

/**
 * The Rego syntax tree, shaped like OPA's `ast` package (policy.go, term.go) with string
 * discriminants. The parser builds it; compiler stages rewrite copies of it; the evaluator plans it.
 */

/** A term: a value, a variable, a reference, a collection, a comprehension or a call. */
export type Term =
  | ScalarTerm
  | VarTerm
  | RefTerm
  | ArrayTerm
  | ObjectTerm
  | SetTerm
  | ArrayComprehension
  | SetComprehension
  | ObjectComprehension
  | CallTerm
  | TemplateStringTerm;

/** null, true/false, a number (exact, bigint for big integers) or a string. */
export interface ScalarTerm {
  readonly type: "scalar";
  readonly value: Scalar;
  readonly loc: Location;
}

/** A variable. The parser names each wildcard `_` uniquely as `$_N` (see {@link isWildcard}). */
export interface VarTerm {
  readonly type: "var";
  readonly name: string;
  readonly loc: Location;
}

/**
 * A reference `head.a[b]["c"]`: `terms[0]` is the head (a var such as `data`, `input` or a local,
 * or for composite-base refs like `[1,2][i]` or `f(x).y` any term); the rest are the operands.
 * `a.b` gives the operand `{type: "scalar", value: "b"}`.
 */
export interface RefTerm {
  readonly type: "ref";
  readonly terms: readonly Term[];
  readonly loc: Location;
}

export interface ArrayTerm {
  readonly type: "array";
  readonly items: readonly Term[];
  readonly loc: Location;
}

export interface ObjectTerm {
  readonly type: "object";
  readonly entries: readonly (readonly [Term, Term])[];
  readonly loc: Location;
}

/** A set literal; `set()` is an empty SetTerm. */
export interface SetTerm {
  readonly type: "set";
  readonly items: readonly Term[];
  readonly loc: Location;
}

export interface ArrayComprehension {
  readonly type: "arraycomp";
  readonly head: Term;
  readonly body: Body;
  readonly loc: Location;
}

export interface SetComprehension {
  readonly type: "setcomp";
  readonly head: Term;
  readonly body: Body;
  readonly loc: Location;
}

export interface ObjectComprehension {
  readonly type: "objectcomp";
  readonly key: Term;
  readonly value: Term;
  readonly body: Body;
  readonly loc: Location;
}

/**
 * A call used as a term: `count(x)`, `a.b.f(x)`, and infix operators inside terms (`x + 1` is
 * `plus(x, 1)`, `x in xs` is `internal.member_2(x, xs)`). `op` is a ref naming the function.
 */
export interface CallTerm {
  readonly type: "call";
  readonly op: RefTerm;
  readonly args: readonly Term[];
  readonly loc: Location;
}

/**
 * A template string `$"a {x} b"` (v1 string interpolation): literal text and embedded terms; an
 * embedded expression with `with` modifiers is kept as an Expr.
 */
export interface TemplateStringTerm {
  readonly type: "template";
  readonly parts: readonly (string | Term | Expr)[];
  readonly raw: boolean;
  readonly loc: Location;
}

/** `with target as value`. `target` is a ref (input…, data…, or a function/builtin name). */
export interface With {
  readonly target: RefTerm;
  readonly value: Term;
  readonly loc: Location;
}

/** An expression of a body; negated with `not`, modified with `with`. */
export interface Expr {
  readonly negated: boolean;
  readonly node: ExprNode;
  readonly with: readonly With[];
  readonly loc: Location;
  /** Set by compiler rewrites for expressions the author did not write. */
  readonly generated?: boolean;
}

/**
 * What an expression holds:
 * - `term`: a term evaluated for truth (`x`, `input.a`, `f(x)` as a term is kept as a `call` node),
 * - `call`: a call at expression level, including infix operators: `x = y` → `eq`, `x := y` →
 *   `assign`, `x == y` → `equal`, `!=` → `neq`, `<` → `lt`, `<=` → `lte`, `>` → `gt`, `>=` → `gte`,
 *   `+ - * / %` → `plus minus mul div rem`, `&` → `and`, `|` → `or`, `x in xs` → `internal.member_2`,
 *   `k, v in xs` → `internal.member_3`,
 * - `some`: `some x, y` declarations,
 * - `somein`: `some v in xs` / `some k, v in xs`,
 * - `every`: `every v in xs { … }` / `every k, v in xs { … }`.
 */
export type ExprNode =
  | { readonly kind: "term"; readonly term: Term }
  | { readonly kind: "call"; readonly op: RefTerm; readonly args: readonly Term[] }
  | { readonly kind: "some"; readonly vars: readonly VarTerm[] }
  | {
      readonly kind: "somein";
      readonly key: Term | undefined;
      readonly value: Term;
      readonly collection: Term;
    }
  | {
      readonly kind: "every";
      readonly key: Term | undefined;
      readonly value: Term;
      readonly domain: Term;
      readonly body: Body;
    };

/** A conjunction of expressions. */
export type Body = readonly Expr[];

/**
 * A rule head. `ref` is the rule's path inside its package: `p` is `[var p]`, `a.b[x]` is
 * `[var a, "b", var x]`. As written:
 * - `p := 1`, `p = 1`, `p if …` (value true) → no key; `value` set (`true` scalar when omitted),
 * - `p[x] { … }` in v0, or `p contains x` → `contains: true`, `key` = x,
 * - `p[x] = y`, `p[x] := y` → ref ends in x, `value` = y,
 * - `f(a, b) = y` → `args`.
 */
export interface Head {
  readonly ref: readonly Term[];
  readonly args: readonly Term[] | undefined;
  readonly key: Term | undefined;
  readonly value: Term | undefined;
  /** `:=` was used. */
  readonly assign: boolean;
  /** `contains` (or the v0 partial-set form `p[x] { … }`). */
  readonly contains: boolean;
  readonly loc: Location;
}

/** A rule or function definition, with its `else` chain. */
export interface Rule {
  readonly head: Head;
  readonly body: Body;
  readonly else: Rule | undefined;
  readonly isDefault: boolean;
  readonly loc: Location;
  /** Annotations attached to this rule (METADATA comment directly above it). */
  readonly annotations: readonly Annotation[];
}

/** `import data.x.y as z`, `import input`, `import future.keywords.in`, `import rego.v1`. */
export interface Import {
  readonly path: RefTerm;
  readonly alias: string | undefined;
  readonly loc: Location;
}

/** `package a.b.c`: `path` is the ref `data.a.b.c`. */
export interface Package {
  readonly path: RefTerm;
  readonly loc: Location;
}

/** A `# METADATA` block: the YAML mapping as parsed, and its scope. */
export interface Annotation {
  readonly scope: "package" | "subpackages" | "rule" | "document";
  readonly data: Readonly<Record<string, unknown>>;
  readonly loc: Location;
}

/** A comment, kept for tooling. */
export interface Comment {
  readonly text: string;
  readonly loc: Location;
}

/** Which Rego syntax a module is written in. */
export type RegoVersion = 0 | 1;

/** A parsed module. */
export interface Module {
  readonly file: string;
  readonly package: Package;
  readonly imports: readonly Import[];
  readonly rules: readonly Rule[];
  readonly annotations: readonly Annotation[];
  readonly comments: readonly Comment[];
  readonly regoVersion: RegoVersion;
}

/** Names starting with this prefix are generated (wildcards `_`, rewritten locals). */
export const GENERATED_PREFIX = "__";

/** True for the wildcard variable names the parser gives each `_` (`$_0`, `$_1`, …). */
export function isWildcard(name: string): boolean {
  return name.startsWith("$_");
}
