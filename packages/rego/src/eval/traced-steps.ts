import type { IrBody, IrExpr, IrRule, IrTerm } from "../compiler/ir.js";
import { printIrExpr, rulePath } from "../compiler/ir-print.js";
import { exprStep, type Step, yieldValue } from "./steps.js";

/**
 * Bodies compiled for a traced evaluation: every expression is its own step that reports Eval
 * when it starts, Redo when a solution's continuation returns asking for more, and Fail when it
 * has no solution, as OPA's tracer does. Rule bodies add Exit (a solution found) and Redo (the
 * search resumes in the rule). Only evaluations with a tracer run these; the host's tracer is
 * read at run time, so the compiled chains are kept per body like the untraced ones.
 */

const END: Step = (_h, _f, k) => k();
const continued = new WeakMap<IrBody, Step>();
const yielded = new WeakMap<IrBody, { readonly head: IrTerm; readonly step: Step }>();
const ruleYields = new WeakMap<IrRule, Step>();
const ruleContinues = new WeakMap<IrRule, Step>();

/** A query or a body whose solutions continue with the caller's continuation (`every`, queries). */
export function tracedBodyStep(body: IrBody): Step {
  let step = continued.get(body);
  if (step === undefined) {
    step = chain(body, END);
    continued.set(body, step);
  }
  return step;
}

/** A comprehension's body, handing the value of `head` to the host's sink at each solution. */
export function tracedBodyInto(body: IrBody, head: IrTerm): Step {
  const kept = yielded.get(body);
  if (kept !== undefined && kept.head === head) return kept.step;
  const step = chain(body, yieldValue(head));
  if (kept === undefined) yielded.set(body, { head, step });
  return step;
}

/** A rule's body handing its value to the host's sink (complete rules, sets, functions). */
export function tracedRuleInto(rule: IrRule): Step {
  let step = ruleYields.get(rule);
  if (step === undefined) {
    step = chain(rule.body, ruleYield(rule));
    ruleYields.set(rule, step);
  }
  return step;
}

/** A rule's body whose solutions continue with the caller's continuation (partial objects). */
export function tracedRuleBody(rule: IrRule): Step {
  let step = ruleContinues.get(rule);
  if (step === undefined) {
    step = chain(rule.body, ruleEnd(rule, END));
    ruleContinues.set(rule, step);
  }
  return step;
}

/** Hands the rule's value to the sink, then reports Exit: the value's own calls come first. */
function ruleYield(rule: IrRule): Step {
  const path = rulePath(rule);
  const end = yieldValue(rule.value);
  return (h, f, k) => {
    const stop = end(h, f, k);
    h.tracer?.event("Exit", "rule", path, rule.loc);
    if (!stop) h.tracer?.event("Redo", "rule", path, rule.loc);
    return stop;
  };
}

/** Reports Exit before the caller's continuation runs on, and Redo when it asks for more. */
function ruleEnd(rule: IrRule, end: Step): Step {
  const path = rulePath(rule);
  return (h, f, k) => {
    h.tracer?.event("Exit", "rule", path, rule.loc);
    const stop = end(h, f, k);
    if (!stop) h.tracer?.event("Redo", "rule", path, rule.loc);
    return stop;
  };
}

function chain(body: IrBody, end: Step): Step {
  let next = end;
  for (let i = body.length - 1; i >= 0; i--) next = tracedExpr(body[i] as IrExpr, next);
  return next;
}

/**
 * One expression: Eval, its solutions each continuing with `next` (Redo when that returns
 * without stopping), Fail when it had none. A stack of flags, not one, because the rest of the
 * body may run this expression's step again before it returns.
 */
function tracedExpr(e: IrExpr, next: Step): Step {
  // `some x` declarations compile to nothing to evaluate; OPA's traces do not show them either.
  if (e.node.k === "nop" && !e.negated && e.with.length === 0) return exprStep(e, next);
  const text = printIrExpr(e);
  const defined: boolean[] = [];
  const inner = exprStep(e, (h, f, k) => {
    defined[defined.length - 1] = true;
    const stop = next(h, f, k);
    if (!stop) h.tracer?.event("Redo", "expr", text, e.loc);
    return stop;
  });
  return (h, f, k) => {
    h.tracer?.event("Eval", "expr", text, e.loc);
    defined.push(false);
    let stop = false;
    let found = false;
    try {
      stop = inner(h, f, k);
    } finally {
      found = defined.pop() === true;
    }
    if (!found) h.tracer?.event("Fail", "expr", text, e.loc);
    return stop;
  };
}
