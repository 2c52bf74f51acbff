import type { BuiltinContext } from "../builtins/registry.js";
import type { DocNode, FnTarget } from "../compiler/ir.js";
import type { Value } from "../value/value.js";
import type { CallCache } from "./call-cache.js";
import type { Tracer } from "./tracer.js";

/** A continuation: returns true to stop the search (a solution was enough). */
export type K = () => boolean;
/** A continuation for bodies whose solutions go elsewhere (a sink): it never stops them. */
export const NO_K: K = () => false;
/** A value continuation. */
export type VK = (v: Value) => boolean;
/** Variable slots of one rule, function or query evaluation. */
export type Frame = (Value | undefined)[];

/** Options of one evaluation. */
export interface EvalOptions {
  readonly input: Value | undefined;
  readonly data: Value;
  /** Builtins' context; evaluation also stops with eval_cancel_error once it is `cancelled()`. */
  readonly ctx: BuiltinContext;
  /** A key of `input` whose value the caller keeps unchanged across queries (see `EvalRequest`). */
  readonly stableInput?: string;
  /** Records the evaluation's events; evaluation then runs through the interpreter only. */
  readonly tracer?: Tracer;
}

export const NONE = Symbol("undefined");
export const NO_FN_OVERRIDES: ReadonlyMap<string, { readonly value: Value } | { readonly fn: FnTarget }> =
  new Map();
export const NO_DATA_OVERRIDES: ReadonlyMap<string, Value> = new Map();
/** A term that cannot be evaluated directly (it iterates, calls, or reads virtual documents). */
export const COMPLEX = Symbol("complex");

/** OPA's message when a function's definitions give different values for the same arguments. */
export const FUNCTION_CONFLICT = "functions must not produce multiple outputs for same inputs";
export type Cached = Value | typeof NONE;

/** Marks a document being computed: meeting it again means the rules recurse. */
export const IN_PROGRESS = Symbol("in progress");

export interface Caches {
  /** Documents by their node's {@link DocNode.cacheSlot}. */
  docs: (Cached | typeof IN_PROGRESS | undefined)[];
  /** Function results by function, then by argument values; made when first needed. */
  fns: Map<DocNode, CallCache> | undefined;
}

export type FnOverride = { readonly value: Value } | { readonly fn: FnTarget };

/** Policies up to this many documents get a document cache with a place for each, made at once. */
const PREALLOCATED_DOCUMENTS = 1024;

/**
 * Empty caches for an evaluation of `policy` (or a `with` scope within one). A larger policy's
 * document cache starts empty and grows as documents are computed, rather than costing each
 * evaluation an allocation the size of the policy.
 */
export function freshCaches(policy: { readonly documents: number }): Caches {
  const size = policy.documents <= PREALLOCATED_DOCUMENTS ? policy.documents : 0;
  return { docs: new Array<Cached | typeof IN_PROGRESS | undefined>(size), fns: undefined };
}
