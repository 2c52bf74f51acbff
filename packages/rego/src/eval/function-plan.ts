import type { DocNode, IrRule } from "../compiler/ir.js";
import { someInRule } from "../compiler/ir-visit.js";
import { functionRules } from "../compiler/rule-tree.js";
import { type Value, valuesEqual } from "../value/value.js";
import { CallCache } from "./call-cache.js";
import { type DirectBody, directBody } from "./direct.js";
import type { Frame } from "./eval-types.js";
import { tieredDirectBody } from "./generated-chain.js";
import { bodyInto, type Step } from "./steps.js";

/** One function definition ready to run: how its arguments bind, and its compiled body. */
export interface FunctionRulePlan {
  readonly rule: IrRule;
  readonly slots: number;
  /** Per argument, the slot of a variable, or -1 for a constant (in {@link consts}). */
  readonly argSlots: readonly number[];
  readonly consts: readonly Value[];
  /** Every argument is a variable of its own: binding is a slot write per argument. */
  readonly plainArgs: boolean;
  /** Some argument is a composite pattern (`f([x, y])`): arguments go through unification. */
  readonly patterned: boolean;
  /** The body, delivering the rule's value to the current sink. */
  readonly step: Step;
  /**
   * The body run straight through when it does not iterate (most helper functions): no sink, no
   * continuations. Null when it cannot (or its arguments are patterns), or once it turned out to
   * need the search.
   */
  direct: DirectBody | null;
  readonly elsePlan: FunctionRulePlan | undefined;
}

/** A user function: its definitions in order, indexed by a constant first argument when that pays. */
export interface FunctionPlan {
  readonly node: DocNode;
  readonly rules: readonly FunctionRulePlan[];
  readonly defaultPlan: FunctionRulePlan | undefined;
  /** Definitions by their constant first argument (each list keeps definition order), or null. */
  readonly byFirst: ReadonlyMap<unknown, readonly FunctionRulePlan[]> | null;
  /** Definitions whose first argument is not a constant (candidates when `byFirst` misses). */
  readonly others: readonly FunctionRulePlan[];
  /** Calls and cache hits over every query so far (see {@link worthCaching}). */
  readonly stats: { calls: number; hits: number };
  /** Some definition calls `print`: results are always kept, so output shows once per arguments, as in OPA. */
  readonly prints: boolean;
  /**
   * For pure functions ({@link isPureFunction}), results by scalar arguments kept across queries,
   * one cache for strict and one for lenient builtin errors; null for others; undefined until the
   * first call decides.
   */
  acrossQueries: AcrossQueries | null | undefined;
  /** The per-query cache handed out last, with the cache map it belongs to (see `queryCache`). */
  lastCache: { readonly owner: object; readonly cache: CallCache } | undefined;
}

/** A pure function's results kept across queries: lenient and strict builtin errors apart. */
export interface AcrossQueries {
  readonly lenient: CallCache;
  readonly strict: CallCache;
}

/** Results a pure function keeps across queries; past it, it starts over. */
const ACROSS_QUERIES_ENTRIES = 4096;

/** A fresh {@link AcrossQueries}. */
export function acrossQueries(): AcrossQueries {
  return {
    lenient: new CallCache(ACROSS_QUERIES_ENTRIES, true),
    strict: new CallCache(ACROSS_QUERIES_ENTRIES, true),
  };
}

/** Calls seen before a function's hit rate decides whether its results are kept. */
const TRIAL_CALLS = 256;

/**
 * Whether a query should keep this function's results: always during a trial, then only for
 * functions whose calls repeat (at least one in eight a hit). Keeping results of functions that
 * are never called twice with the same arguments costs more than it saves.
 */
export function worthCaching(plan: FunctionPlan): boolean {
  const { calls, hits } = plan.stats;
  return calls < TRIAL_CALLS || hits * 8 >= calls || plan.prints;
}

const plans = new WeakMap<DocNode, FunctionPlan | null>();

/** True for nodes holding functions that take arguments (they are not documents). */
export function hasArguments(node: DocNode): boolean {
  const fns = functionRules(node);
  if (fns === undefined) return false;
  return ((fns[0] ?? node.defaultRule)?.args.length ?? 1) > 0;
}

/** The plan of the function defined at `node`, or null when no function is defined there. */
export function functionPlan(node: DocNode): FunctionPlan | null {
  let plan = plans.get(node);
  if (plan === undefined) {
    const rules = functionRules(node);
    plan = rules === undefined ? null : makePlan(node, rules);
    plans.set(node, plan);
  }
  return plan;
}

/** The definitions worth trying for these arguments, in definition order. */
export function candidatePlans(plan: FunctionPlan, args: readonly Value[]): readonly FunctionRulePlan[] {
  if (plan.byFirst === null) return plan.rules;
  const first = args[0];
  if (first === undefined || (first !== null && typeof first === "object")) return plan.others;
  return plan.byFirst.get(first) ?? plan.others;
}

/** Binds arguments of a plan without patterns; false when a constant or a repeated variable differs. */
export function bindArguments(p: FunctionRulePlan, args: readonly Value[], frame: Frame): boolean {
  const slots = p.argSlots;
  if (p.plainArgs) {
    for (let i = 0; i < slots.length; i++) frame[slots[i] as number] = args[i] as Value;
    return true;
  }
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] as number;
    const a = args[i] as Value;
    if (slot < 0) {
      if (!valuesEqual(p.consts[i] as Value, a)) return false;
      continue;
    }
    const cur = frame[slot];
    if (cur === undefined) frame[slot] = a;
    else if (!valuesEqual(cur, a)) return false;
  }
  return true;
}

function makePlan(node: DocNode, rules: readonly IrRule[]): FunctionPlan {
  const planned = rules.map(rulePlan);
  const defaultPlan = node.defaultRule === undefined ? undefined : rulePlan(node.defaultRule);
  const isConstFirst = (r: IrRule): boolean => {
    const a = r.args[0];
    return a !== undefined && a.k === "const" && (a.v === null || typeof a.v !== "object");
  };
  const constFirst = planned.filter((p) => isConstFirst(p.rule));
  const prints = [...rules, ...(node.defaultRule ? [node.defaultRule] : [])].some(ruleCallsPrint);
  // Few definitions are cheaper to try in turn than to index (OPA indexes function arguments too).
  const indexed = planned.length >= 4 && constFirst.length >= 4;
  return {
    node,
    rules: planned,
    defaultPlan,
    byFirst: indexed ? firstArgumentIndex(planned, constFirst) : null,
    others: indexed ? planned.filter((p) => !constFirst.includes(p)) : planned,
    stats: { calls: 0, hits: 0 },
    prints,
    acrossQueries: undefined,
    lastCache: undefined,
  };
}

/** Definitions by constant first argument: those with that constant and those with none, in order. */
function firstArgumentIndex(
  planned: readonly FunctionRulePlan[],
  constFirst: readonly FunctionRulePlan[],
): Map<unknown, FunctionRulePlan[]> {
  const firstOf = (p: FunctionRulePlan): Value => (p.rule.args[0] as { v: Value }).v;
  const byFirst = new Map<unknown, FunctionRulePlan[]>();
  for (const p of constFirst) {
    const v = firstOf(p);
    if (!byFirst.has(v))
      byFirst.set(
        v,
        planned.filter((x) => !constFirst.includes(x) || firstOf(x) === v),
      );
  }
  return byFirst;
}

function rulePlan(rule: IrRule): FunctionRulePlan {
  const argSlots: number[] = [];
  const consts: Value[] = [];
  let patterned = false;
  for (const a of rule.args) {
    if (a.k === "var") {
      argSlots.push(a.slot);
      consts.push(null);
    } else if (a.k === "const") {
      argSlots.push(-1);
      consts.push(a.v);
    } else {
      patterned = true;
      argSlots.push(-1);
      consts.push(null);
    }
  }
  return {
    rule,
    slots: rule.slots,
    argSlots,
    consts,
    plainArgs: argSlots.every((s, i) => s >= 0 && argSlots.indexOf(s) === i),
    patterned,
    step: bodyInto(rule.body, rule.value),
    direct: patterned ? null : tiered(rule, argSlots),
    elsePlan: rule.elseRule === undefined ? undefined : rulePlan(rule.elseRule),
  };
}

/** The body's direct form, generated once hot, with the argument slots bound on entry. */
function tiered(rule: IrRule, argSlots: readonly number[]): DirectBody | null {
  const interpreted = directBody(rule.body, rule.value);
  if (interpreted === null) return null;
  return tieredDirectBody(
    rule.body,
    rule.value,
    argSlots.filter((s) => s >= 0),
    interpreted,
  );
}

/** True when a rule (or its `else` chain) calls the `print` builtin anywhere in its body. */
function ruleCallsPrint(rule: IrRule): boolean {
  return someInRule(rule, (item) => item.k === "call" && item.fn.name === "print");
}
