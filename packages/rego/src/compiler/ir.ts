import type { BuiltinDef } from "../builtins/registry.js";
import type { Location } from "../location.js";
import type { Value } from "../value/value.js";

/**
 * The compiled form of Rego that the evaluator runs: references resolved (imports, rule names,
 * `input`, `data`), local variables turned into frame slots, bodies reordered for safety.
 */
export type IrTerm =
  | { readonly k: "const"; readonly v: Value }
  | { readonly k: "var"; readonly slot: number; readonly name: string; readonly loc: Location }
  | { readonly k: "input"; readonly loc: Location }
  | { readonly k: "data"; readonly loc: Location }
  | { readonly k: "ref"; readonly base: IrTerm; readonly ops: readonly IrTerm[]; readonly loc: Location }
  | { readonly k: "array"; readonly items: readonly IrTerm[] }
  | { readonly k: "object"; readonly entries: readonly (readonly [IrTerm, IrTerm])[] }
  | { readonly k: "set"; readonly items: readonly IrTerm[] }
  | {
      readonly k: "arraycomp";
      readonly head: IrTerm;
      readonly body: IrBody;
      readonly lo: number;
      readonly hi: number;
    }
  | {
      readonly k: "setcomp";
      readonly head: IrTerm;
      readonly body: IrBody;
      readonly lo: number;
      readonly hi: number;
    }
  | {
      readonly k: "objectcomp";
      readonly key: IrTerm;
      readonly value: IrTerm;
      readonly body: IrBody;
      readonly lo: number;
      readonly hi: number;
    }
  | { readonly k: "call"; readonly fn: FnTarget; readonly args: readonly IrTerm[]; readonly loc: Location }
  | { readonly k: "template"; readonly parts: readonly (string | IrTerm)[]; readonly loc: Location }
  | {
      readonly k: "withterm";
      readonly term: IrTerm;
      readonly with: readonly IrWith[];
      readonly loc: Location;
    };

/** What a call calls: a builtin or a user function at a data path. Both may be replaced by `with`. */
export interface FnTarget {
  /** Builtin name (`count`) or the function's full path (`data.pkg.f`). */
  readonly name: string;
  readonly builtin: BuiltinDef | undefined;
  /** Path segments after `data` of a user function. */
  readonly path: readonly string[] | undefined;
  /** Number of declared arguments (user functions: from their definitions). */
  readonly arity: number;
}

/** A `with` modifier: the target kind decides how it applies. */
export interface IrWith {
  readonly target:
    | { readonly kind: "input"; readonly path: readonly string[] }
    | { readonly kind: "data"; readonly path: readonly string[] }
    | { readonly kind: "function"; readonly name: string };
  readonly value: IrTerm;
  /** For function targets replaced by another function: that function. */
  readonly replacement: FnTarget | undefined;
  readonly loc: Location;
}

/** One expression of a body. */
export type IrExprNode =
  | { readonly k: "term"; readonly term: IrTerm }
  | { readonly k: "unify"; readonly a: IrTerm; readonly b: IrTerm }
  | {
      readonly k: "call";
      readonly fn: FnTarget;
      readonly args: readonly IrTerm[];
      readonly out: IrTerm | undefined;
    }
  | { readonly k: "somein"; readonly key: IrTerm | undefined; readonly value: IrTerm; readonly coll: IrTerm }
  | {
      readonly k: "every";
      readonly key: IrTerm | undefined;
      readonly value: IrTerm;
      readonly domain: IrTerm;
      readonly body: IrBody;
      readonly lo: number;
      readonly hi: number;
    }
  | { readonly k: "nop" };

/** Slots allocated inside a comprehension or `every` body are in [lo, hi); the rest are closures. */

/** An expression with its modifiers. */
export interface IrExpr {
  readonly node: IrExprNode;
  readonly negated: boolean;
  readonly with: readonly IrWith[];
  readonly loc: Location;
}

/** A body: expressions in evaluation order. */
export type IrBody = readonly IrExpr[];

/** How a rule contributes to its document. */
export type RuleKind = "complete" | "multi" | "keyed" | "function";

/** A compiled rule (one definition; `else` chains hang off it). */
export interface IrRule {
  readonly kind: RuleKind;
  /** Full path after `data`, as written, for messages: `["pkg", "p"]`. */
  readonly path: readonly string[];
  /** Dynamic part of the head after the static prefix (`p[x]` → [x]); for multi rules, before the value. */
  readonly keys: readonly IrTerm[];
  /** The value (`true` when omitted); for multi rules, the member. */
  readonly value: IrTerm;
  /** Function arguments. */
  readonly args: readonly IrTerm[];
  readonly body: IrBody;
  readonly slots: number;
  readonly elseRule: IrRule | undefined;
  readonly isDefault: boolean;
  readonly loc: Location;
  /** Module file the rule came from. */
  readonly file: string;
}

/** A node of the document tree: rules whose static path ends here, and children by key. */
export interface DocNode {
  readonly path: readonly string[];
  readonly children: Map<string, DocNode>;
  readonly rules: IrRule[];
  defaultRule: IrRule | undefined;
  /** Picks the rules worth evaluating for a given input (OPA's rule indexing), when one was built. */
  index: RuleIndex | undefined;
  /**
   * The rules as written, when a compiler stage replaced some of them by equivalent ones (see
   * inline-set-lookups.ts); evaluations under `with data…` use these.
   */
  written: readonly IrRule[] | undefined;
  /** Memo of {@link functionRules}: the function rules here, null for none, undefined until asked. */
  functions: readonly IrRule[] | null | undefined;
  /**
   * Where an evaluation caches this node's document: a number from 0 below the policy's
   * {@link CompiledPolicy.documents}, given once the policy is compiled (-1 before).
   */
  cacheSlot: number;
}

/**
 * Rules of a document keyed by the constant an input value is compared with in their bodies
 * (`input.review.kind.kind == "Pod"`). Rules without such a condition are always candidates.
 */
export interface RuleIndex {
  /** Path under `input` of the value tested. */
  readonly path: readonly string[];
  /** Candidate rules for each value (canonical key), in the document's rule order. */
  readonly byValue: ReadonlyMap<unknown, readonly IrRule[]>;
  /** Candidates when the value is missing or matches no key: the rules that do not test it. */
  readonly others: readonly IrRule[];
}

/** A compiled query: body plus the names of its user-visible variables by slot. */
export interface IrQuery {
  readonly body: IrBody;
  readonly slots: number;
  /** Variables a result row shows, with their slots, in first-appearance order. */
  readonly outputs: readonly { readonly name: string; readonly slot: number }[];
}
