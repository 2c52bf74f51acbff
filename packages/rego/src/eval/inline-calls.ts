import { comparisonBuiltins } from "../builtins/comparison.js";
import { typeChecksBuiltins } from "../builtins/type-checks.js";
import type { IrRule, IrTerm } from "../compiler/ir.js";
import { someInRule } from "../compiler/ir-visit.js";
import type { FunctionPlan } from "./function-plan.js";

/** Definitions a function may have and still be written inline. */
const MAX_DEFINITIONS = 4;
/** Expressions one inlined definition may have. */
const MAX_EXPRESSIONS = 6;

/**
 * Builtins cheap enough that running them again costs less than a call through the host and its
 * result cache: comparisons (written inline anyway), type tests, `count` and `object.get`. A
 * function calling anything else keeps its cached calls: its results may be worth keeping across
 * calls and queries.
 */
const CHEAP_BUILTINS: ReadonlySet<string> = new Set([
  ...[...comparisonBuiltins, ...typeChecksBuiltins].map((d) => d.decl.name),
  "count",
  "object.get",
]);

const decided = new WeakMap<FunctionPlan, readonly IrRule[] | null>();

/**
 * The definitions of a user function, in order, when generated code may write its calls inline;
 * null when it must call it through the host. A function qualifies when every definition runs
 * straight through (no iteration, no patterned arguments), it has no `default`, no `else`, and no
 * `print`, and its bodies are small and call only cheap builtins (user functions are fine: their
 * calls are inlined in turn or go through the host). Inlined, a call runs the same definitions in
 * the same order with the same conflict check; only the per-query result cache is skipped.
 */
export function inlinableDefinitions(plan: FunctionPlan, arity: number): readonly IrRule[] | null {
  let rules = decided.get(plan);
  if (rules === undefined) {
    rules = qualifies(plan) ? plan.rules.map((p) => p.rule) : null;
    decided.set(plan, rules);
  }
  return rules?.every((r) => r.args.length === arity) ? rules : null;
}

function qualifies(plan: FunctionPlan): boolean {
  if (plan.defaultPlan !== undefined || plan.prints) return false;
  if (plan.rules.length === 0 || plan.rules.length > MAX_DEFINITIONS) return false;
  return plan.rules.every(
    (p) =>
      !p.patterned &&
      p.direct !== null &&
      p.elsePlan === undefined &&
      p.rule.body.length <= MAX_EXPRESSIONS &&
      p.rule.args.every((a) => a.k === "var" || a.k === "const") &&
      !someInRule(p.rule, unsuitable),
  );
}

function unsuitable(item: Parameters<Parameters<typeof someInRule>[1]>[0]): boolean {
  switch (item.k) {
    case "with":
      return true;
    case "call":
      return item.fn.builtin !== undefined && !CHEAP_BUILTINS.has(item.fn.name);
    case "term":
      return isComprehension(item.term) || item.term.k === "data";
  }
}

function isComprehension(t: IrTerm): boolean {
  return t.k === "arraycomp" || t.k === "setcomp" || t.k === "objectcomp";
}
