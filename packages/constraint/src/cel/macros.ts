/**
 * Parse-tree rewrites for what @bufbuild/cel's parser does not expand: cel-go's two-variable
 * comprehensions (`all`, `exists`, `existsOne`/`exists_one` with two variables, `transformList`,
 * `transformMap`, `transformMapEntry`), and a deadline check in every comprehension's loop condition.
 *
 * Two-variable macros iterate `@pairs(range)` ([index, element] or [key, value] lists) and bind the
 * variables with empty comprehensions (`accuVar` = the variable, no iterations, `result` = body),
 * which scopes them exactly like macro variables.
 */
import { children, type Expr, type Node, NodeFactory } from "./ast.js";
import { INTERNAL } from "./internal-functions.js";

const RESULT = "@result";
const PAIR = "@pair";

/** Macro name → accepted argument counts (variables included). */
const TWO_VAR_MACROS: Record<string, readonly number[]> = {
  all: [3],
  exists: [3],
  existsOne: [3],
  exists_one: [3],
  transformList: [3, 4],
  transformMap: [3, 4],
  transformMapEntry: [3, 4],
};

function identName(e: Expr | undefined): string | undefined {
  return e?.exprKind.case === "identExpr" ? e.exprKind.value.name : undefined;
}

/** Whether `e` is `has(variables.<name>)` with `variables` not rebound by a comprehension. */
function hasVariable(e: Expr, shadowed: boolean): boolean {
  const k = e.exprKind;
  if (shadowed || k.case !== "selectExpr" || !k.value.testOnly) return false;
  return identName(k.value.operand) === "variables";
}

/**
 * Rewrites `root` in place; `positions` (the parse's source info) gets entries for new nodes.
 * `has(variables.<name>)` becomes `true`: declared variables always exist (the name is checked
 * separately), and the test must not evaluate the others.
 */
export function rewriteMacros(root: Expr, positions: { [id: string]: number }, maxId: bigint): void {
  const f = new NodeFactory(positions, maxId);
  const visit = (e: Expr, shadowed: boolean): void => {
    const k = e.exprKind;
    if (hasVariable(e, shadowed)) {
      e.exprKind = f.bool(f.offset(e), true).exprKind;
      return;
    }
    if (k.case === "comprehensionExpr") {
      const c = k.value;
      const inner = shadowed || c.iterVar === "variables" || c.accuVar === "variables";
      for (const x of [c.iterRange, c.accuInit]) if (x !== undefined) visit(x, shadowed);
      for (const x of [c.loopCondition, c.loopStep, c.result]) if (x !== undefined) visit(x, inner);
    } else for (const c of children(e)) visit(c, shadowed);
    if (k.case === "comprehensionExpr") {
      const cond = k.value.loopCondition;
      if (cond !== undefined) k.value.loopCondition = inTime(f, cond);
    } else if (k.case === "callExpr") {
      const expanded = expandTwoVar(f, k.value, f.offset(e));
      if (expanded !== undefined) e.exprKind = expanded.exprKind;
    }
  };
  visit(root, false);
}

/** `@in_time(cond, @deadline)`: the condition, or an error once the deadline has passed. */
function inTime(f: NodeFactory, cond: Expr): Expr {
  const at = f.offset(cond);
  return f.call(at, INTERNAL.inTime, [cond, f.ident(at, INTERNAL.deadline)]);
}

function expandTwoVar(f: NodeFactory, call: Node<"callExpr">, at: number): Expr | undefined {
  const counts = TWO_VAR_MACROS[call.function];
  const range = call.target;
  if (range === undefined || counts === undefined || !counts.includes(call.args.length)) return undefined;
  const [first, second, ...bodies] = call.args;
  const k = identName(first);
  const v = identName(second);
  if (k === undefined || v === undefined) return undefined;
  const pairPart = (i: bigint): Expr => f.call(at, "_[_]", [f.ident(at, PAIR), f.int(at, i)]);
  const bindVar = (name: string, init: Expr, body: Expr): Expr =>
    f.comprehension(at, {
      iterVar: "@unused",
      iterRange: f.list(at, []),
      accuVar: name,
      accuInit: init,
      loopCondition: f.bool(at, false),
      loopStep: f.ident(at, name),
      result: body,
    });
  const bind = (body: Expr): Expr => bindVar(k, pairPart(0n), bindVar(v, pairPart(1n), body));
  const acc = (): Expr => f.ident(at, RESULT);
  const [a, b] = bodies.map(bind);
  if (a === undefined) return undefined;
  const guarded = (step: Expr): Expr => (b === undefined ? step : f.call(at, "_?_:_", [a, step, acc()]));
  const value = b ?? a;
  const loop = (init: Expr, cond: Expr, step: Expr, result: Expr = acc()): Expr =>
    f.comprehension(at, {
      iterVar: PAIR,
      iterRange: f.call(at, INTERNAL.pairs, [range]),
      accuVar: RESULT,
      accuInit: init,
      loopCondition: inTime(f, cond),
      loopStep: step,
      result,
    });
  const notStrictlyFalse = (x: Expr): Expr => f.call(at, "@not_strictly_false", [x]);
  switch (call.function) {
    case "all":
      return loop(f.bool(at, true), notStrictlyFalse(acc()), f.call(at, "_&&_", [acc(), a]));
    case "exists":
      return loop(
        f.bool(at, false),
        notStrictlyFalse(f.call(at, "!_", [acc()])),
        f.call(at, "_||_", [acc(), a]),
      );
    case "existsOne":
    case "exists_one":
      return loop(
        f.int(at, 0n),
        f.bool(at, true),
        f.call(at, "_?_:_", [a, f.call(at, "_+_", [acc(), f.int(at, 1n)]), acc()]),
        f.call(at, "_==_", [acc(), f.int(at, 1n)]),
      );
    case "transformList":
      return loop(f.list(at, []), f.bool(at, true), guarded(f.call(at, "_+_", [acc(), f.list(at, [value])])));
    case "transformMap":
      return loop(
        f.emptyMap(at),
        f.bool(at, true),
        guarded(f.call(at, INTERNAL.mapInsert, [acc(), pairPart(0n), value])),
      );
    case "transformMapEntry":
      return loop(f.emptyMap(at), f.bool(at, true), guarded(f.call(at, INTERNAL.mapMerge, [acc(), value])));
    default:
      return undefined;
  }
}
