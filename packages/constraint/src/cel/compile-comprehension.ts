/**
 * Comprehensions. The shapes the macros expand to (`all`, `exists`, `exists_one`, `map`, `filter`,
 * and the variable bindings of two-variable macros) become plain loops with the accumulator in a
 * local; anything else runs as a generic fold. Both keep @bufbuild/cel's results exactly: which
 * error wins, when the loop stops, and the deadline check at the start of every iteration.
 */
import { type CelError, type CelResult, type CelValue, isCelList, isCelMap } from "@bufbuild/cel";
import type { Expr, Node } from "./ast.js";
import { boolConstant, callArgs, isIdent, isIntConstant, listElements, mentions } from "./ast-patterns.js";
import type { NodeCompiler, Scope } from "./compile-context.js";
import { type Dispatch, dispatcher } from "./compile-dispatch.js";
import { celError, conditionNotBool, notBool, notIterable } from "./compile-errors.js";
import type { Eval, Frame } from "./compile-frame.js";
import { deadlinePassed } from "./deadline-clock.js";
import { isCelErrorValue } from "./errors.js";
import { DEADLINE_EXCEEDED, INTERNAL } from "./internal-functions.js";
import { listItems, makeList } from "./list-values.js";

type Comprehension = Node<"comprehensionExpr">;

/** The macro a comprehension is an expansion of, with its parts. */
export type Macro =
  | { readonly kind: "all" | "exists" | "existsOne"; readonly predicate: Expr; readonly deadline: Expr }
  | { readonly kind: "map"; readonly predicate?: Expr; readonly element: Expr; readonly deadline: Expr };

const EMPTY_LIST = makeList([]);

/** The items a comprehension iterates: list elements or map keys. */
export function rangeItems(r: CelValue): readonly CelValue[] | undefined {
  if (isCelList(r)) return listItems(r);
  return isCelMap(r) ? Array.from(r.keys()) : undefined;
}

/** What a macro iterates over (list elements, map keys), or the error that ends it. */
function iterationItems(range: Eval, f: Frame): readonly CelValue[] | CelError {
  const r = range(f);
  if (isCelErrorValue(r)) return r;
  return rangeItems(r) ?? notIterable(r);
}

/**
 * Loops check their deadline on their first iteration and then every 32nd (a mask of the index):
 * a check costs more than most iterations, and a deadline of seconds needs no finer steps. Checks
 * read the clock only now and then (deadline-clock.ts).
 */
export const DEADLINE_STRIDE_MASK = 31;

/**
 * `@in_time`'s verdict at the start of an iteration once the deadline `d` is not +Infinity: an error
 * once it has passed (or when it is not a double), else undefined.
 */
export function pastDeadline(d: CelResult, cond: boolean, inTime: Dispatch): CelResult | undefined {
  if (typeof d === "number") return deadlinePassed(d) ? celError(DEADLINE_EXCEEDED) : undefined;
  return isCelErrorValue(d) ? d : inTime(undefined, [cond, d]);
}

/** The loop condition `@in_time(cond, @deadline)`: its parts. */
function inTimeParts(e: Expr | undefined): { cond: Expr; deadline: Expr } | undefined {
  const args = callArgs(e, INTERNAL.inTime, 2);
  const [cond, deadline] = args ?? [];
  return cond === undefined || deadline === undefined ? undefined : { cond, deadline };
}

/** `accu + [element]`: the element. */
function appendedElement(e: Expr | undefined, accu: string): Expr | undefined {
  const [left, right] = callArgs(e, "_+_", 2) ?? [];
  const elements = listElements(right);
  return isIdent(left, accu) && elements?.length === 1 ? elements[0] : undefined;
}

/** Which macro expansion `c` is, with its parts; undefined for other comprehensions. */
export function recognizeMacro(c: Comprehension): Macro | undefined {
  const accu = c.accuVar;
  const loop = inTimeParts(c.loopCondition);
  if (loop === undefined || c.iterVar2 !== "") return undefined;
  const { cond, deadline } = loop;
  const step = c.loopStep;
  const resultIsAccu = isIdent(c.result, accu);
  const init = boolConstant(c.accuInit);
  if (init === true && resultIsAccu) {
    const [x] = callArgs(cond, "@not_strictly_false", 1) ?? [];
    const [left, predicate] = callArgs(step, "_&&_", 2) ?? [];
    if (isIdent(x, accu) && isIdent(left, accu) && predicate !== undefined)
      return { kind: "all", predicate, deadline };
  }
  if (init === false && resultIsAccu) {
    const [x] = callArgs(cond, "@not_strictly_false", 1) ?? [];
    const [notAccu] = callArgs(x, "!_", 1) ?? [];
    const [left, predicate] = callArgs(step, "_||_", 2) ?? [];
    if (isIdent(notAccu, accu) && isIdent(left, accu) && predicate !== undefined)
      return { kind: "exists", predicate, deadline };
  }
  if (boolConstant(cond) !== true) return undefined;
  if (isIntConstant(c.accuInit, 0n)) {
    const [predicate, yes, no] = callArgs(step, "_?_:_", 3) ?? [];
    const [plus, one] = callArgs(yes, "_+_", 2) ?? [];
    const [eqAccu, eqOne] = callArgs(c.result, "_==_", 2) ?? [];
    if (
      predicate !== undefined &&
      isIdent(plus, accu) &&
      isIntConstant(one, 1n) &&
      isIdent(no, accu) &&
      isIdent(eqAccu, accu) &&
      isIntConstant(eqOne, 1n)
    )
      return { kind: "existsOne", predicate, deadline };
    return undefined;
  }
  if (listElements(c.accuInit)?.length !== 0 || !resultIsAccu) return undefined;
  const element = appendedElement(step, accu);
  if (element !== undefined) return { kind: "map", element, deadline };
  const [predicate, yes, no] = callArgs(step, "_?_:_", 3) ?? [];
  const filtered = appendedElement(yes, accu);
  if (predicate !== undefined && filtered !== undefined && isIdent(no, accu))
    return { kind: "map", predicate, element: filtered, deadline };
  return undefined;
}

/** Whether a comprehension binds its accumulator (`cel.bind`): it ranges over an empty list literal. */
export function isBinding(comp: Comprehension): boolean {
  return (
    listElements(comp.iterRange)?.length === 0 && comp.accuInit !== undefined && comp.result !== undefined
  );
}

/** Compiles a comprehension. */
export function compileComprehension(c: NodeCompiler, comp: Comprehension, id: number, scope: Scope): Eval {
  if (isBinding(comp)) return binding(c, comp, scope);
  const macro = recognizeMacro(comp);
  if (macro !== undefined && !macroMentionsAccu(macro, comp.accuVar)) return loop(c, comp, macro, id, scope);
  return fold(c, comp, scope);
}

/** Whether a macro's predicate or element reads the accumulator (then it runs as a fold). */
export function macroMentionsAccu(m: Macro, accu: string): boolean {
  return mentions(m.predicate, accu) || (m.kind === "map" && mentions(m.element, accu));
}

/** A comprehension over an empty list literal binds its accumulator: `let accu = init in result`. */
function binding(c: NodeCompiler, comp: Comprehension, scope: Scope): Eval {
  const init = comp.accuInit === undefined ? undefined : c.compile(comp.accuInit, scope);
  const slot = c.newSlot();
  const inner = new Map(scope).set(comp.accuVar, slot);
  const result = comp.result === undefined ? undefined : c.compile(comp.result, inner);
  if (init === undefined || result === undefined) return invalid();
  return (f) => {
    const v = init(f);
    if (isCelErrorValue(v)) return v;
    f.slots[slot] = v;
    return result(f);
  };
}

function invalid(): Eval {
  const err = celError("invalid comprehension");
  return () => err;
}

/** The generic fold, as the CEL specification defines comprehensions. */
function fold(c: NodeCompiler, comp: Comprehension, scope: Scope): Eval {
  const { iterRange, accuInit, loopCondition, loopStep, result } = comp;
  if (
    iterRange === undefined ||
    accuInit === undefined ||
    loopCondition === undefined ||
    loopStep === undefined ||
    result === undefined
  )
    return invalid();
  const range = c.compile(iterRange, scope);
  const init = c.compile(accuInit, scope);
  const accuSlot = c.newSlot();
  const withAccu = new Map(scope).set(comp.accuVar, accuSlot);
  const iterSlot = c.newSlot();
  const inLoop = new Map(withAccu).set(comp.iterVar, iterSlot);
  const cond = c.compile(loopCondition, inLoop);
  const step = c.compile(loopStep, inLoop);
  const res = c.compile(result, withAccu);
  return (f) => {
    const a = init(f);
    if (isCelErrorValue(a)) return a;
    const items = iterationItems(range, f);
    if (isCelErrorValue(items)) return items;
    const slots = f.slots;
    slots[accuSlot] = a;
    for (let i = 0; i < items.length; i++) {
      slots[iterSlot] = items[i] ?? null;
      const go = cond(f);
      if (isCelErrorValue(go)) return go;
      if (go !== true) break;
      slots[accuSlot] = step(f);
    }
    return res(f);
  };
}

/** A recognized macro as a loop with a local accumulator. */
function loop(c: NodeCompiler, comp: Comprehension, m: Macro, id: number, scope: Scope): Eval {
  if (comp.iterRange === undefined) return invalid();
  const range = c.compile(comp.iterRange, scope);
  const deadline = c.compile(m.deadline, scope);
  const inTime = dispatcher(c.env, INTERNAL.inTime, false, 2, id);
  const iter = c.newSlot();
  const inner = new Map(scope).set(comp.iterVar, iter);
  const predicate = m.predicate === undefined ? undefined : c.compile(m.predicate, inner);
  const parts: LoopParts = { range, deadline, inTime, iter };
  switch (m.kind) {
    case "all":
      return predicate === undefined ? invalid() : quantifierLoop(parts, predicate, false);
    case "exists":
      return predicate === undefined ? invalid() : quantifierLoop(parts, predicate, true);
    case "existsOne":
      return predicate === undefined ? invalid() : existsOneLoop(parts, predicate);
    case "map":
      return mapLoop(parts, predicate, c.compile(m.element, inner));
  }
}

interface LoopParts {
  readonly range: Eval;
  readonly deadline: Eval;
  readonly inTime: Dispatch;
  /** The iteration variable's slot. */
  readonly iter: number;
}

/**
 * `range.all(x, p)` (decisive: false) and `range.exists(x, p)` (decisive: true): the decisive
 * value wins over errors, and an error wins over the other value.
 */
function quantifierLoop(
  { range, deadline, inTime, iter }: LoopParts,
  predicate: Eval,
  decisive: boolean,
): Eval {
  return (f) => {
    const items = iterationItems(range, f);
    if (isCelErrorValue(items)) return items;
    const d = deadline(f);
    const slots = f.slots;
    let acc: CelResult = !decisive;
    for (let i = 0; i < items.length; i++) {
      if (d !== Number.POSITIVE_INFINITY && (i & DEADLINE_STRIDE_MASK) === 0) {
        const late = pastDeadline(d, acc !== decisive, inTime);
        if (late !== undefined) return late;
      }
      if (acc === decisive) break;
      slots[iter] = items[i] ?? null;
      const p = predicate(f);
      if (p === decisive) acc = decisive;
      else if (acc === !decisive && p !== !decisive) acc = isCelErrorValue(p) ? p : notBool(p);
    }
    return acc;
  };
}

/** `range.exists_one(x, p)`: counts matches; an error in `p` replaces the count. */
function existsOneLoop({ range, deadline, inTime, iter }: LoopParts, predicate: Eval): Eval {
  return (f) => {
    const items = iterationItems(range, f);
    if (isCelErrorValue(items)) return items;
    const d = deadline(f);
    const slots = f.slots;
    let acc: bigint | CelError = 0n;
    for (let i = 0; i < items.length; i++) {
      if (d !== Number.POSITIVE_INFINITY && (i & DEADLINE_STRIDE_MASK) === 0) {
        const late = pastDeadline(d, true, inTime);
        if (late !== undefined) return late;
      }
      slots[iter] = items[i] ?? null;
      const p = predicate(f);
      if (p === true) {
        if (typeof acc === "bigint") acc++;
      } else if (p !== false) acc = isCelErrorValue(p) ? p : conditionNotBool(p);
    }
    return typeof acc === "bigint" ? acc === 1n : acc;
  };
}

/**
 * `range.map(x, e)`, `range.map(x, p, e)` and `range.filter(x, p)` (`e` is `x`): the first error
 * from `e` sticks; an error from `p` replaces whatever was accumulated.
 */
function mapLoop(
  { range, deadline, inTime, iter }: LoopParts,
  predicate: Eval | undefined,
  element: Eval,
): Eval {
  return (f) => {
    const items = iterationItems(range, f);
    if (isCelErrorValue(items)) return items;
    const d = deadline(f);
    const slots = f.slots;
    const out: CelValue[] = [];
    let err: CelError | undefined;
    for (let i = 0; i < items.length; i++) {
      if (d !== Number.POSITIVE_INFINITY && (i & DEADLINE_STRIDE_MASK) === 0) {
        const late = pastDeadline(d, true, inTime);
        if (late !== undefined) return late;
      }
      slots[iter] = items[i] ?? null;
      if (predicate !== undefined) {
        const p = predicate(f);
        if (p !== true) {
          if (p !== false) err = isCelErrorValue(p) ? p : conditionNotBool(p);
          continue;
        }
      }
      if (err !== undefined) continue;
      const v = element(f);
      if (isCelErrorValue(v)) err = v;
      else out.push(v);
    }
    return err ?? (out.length === 0 ? EMPTY_LIST : makeList(out));
  };
}
