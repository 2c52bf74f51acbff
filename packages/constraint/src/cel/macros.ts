/**
 * CEL's comprehension macros: `all`, `exists`, `exists_one`/`existsOne`, `map`, `filter` (one
 * variable), their two-variable forms, `transformList`, `transformMap`, `transformMapEntry`, and the
 * optional macros `optMap`/`optFlatMap`.
 */
import type { Expr } from "./ast.js";
import { type Compiler, tryEval } from "./compile.js";
import { CelEvalError } from "./errors.js";
import { overloadError } from "./functions.js";
import { checkDeadline, type Evaluator, type Frame } from "./program.js";
import { type CelMap, CelOptional, type CelValue, typeName } from "./values.js";

type CallExpr = Extract<Expr, { k: "call" }>;

/** Macro name → allowed argument counts (variables included). */
const MACROS: Record<string, readonly number[]> = {
  all: [2, 3],
  exists: [2, 3],
  exists_one: [2, 3],
  existsOne: [2, 3],
  map: [2, 3],
  filter: [2],
  transformList: [3, 4],
  transformMap: [3, 4],
  transformMapEntry: [3, 4],
  optMap: [2],
  optFlatMap: [2],
};

const TWO_VAR_FIRST = new Set(["transformList", "transformMap", "transformMapEntry"]);

/** Whether a receiver call `x.fn(args)` is a macro expansion. */
export function isMacro(fn: string, args: readonly Expr[]): boolean {
  const counts = MACROS[fn];
  if (counts === undefined || !counts.includes(args.length)) return false;
  if (args[0]?.k !== "ident") return false;
  const twoVars = TWO_VAR_FIRST.has(fn) || (args.length === 3 && fn !== "map");
  return !twoVars || args[1]?.k === "ident";
}

function identName(e: Expr | undefined): string {
  return e?.k === "ident" ? e.name : "";
}

/** One step of iteration: the value bound to the first and second variables. */
interface Step {
  readonly first: CelValue;
  readonly second: CelValue;
}

/** Iterates a list (index, element) or a map (key, value); `oneVar` binds elements / keys first. */
function* steps(range: CelValue, oneVar: boolean, f: Frame): Generator<Step> {
  let n = 0;
  if (Array.isArray(range)) {
    for (let i = 0; i < range.length; i++) {
      if ((++n & 255) === 0) checkDeadline(f);
      const v = range[i] as CelValue;
      yield oneVar ? { first: v, second: null } : { first: BigInt(i), second: v };
    }
    return;
  }
  if (range instanceof Map) {
    for (const [k, v] of range) {
      if ((++n & 255) === 0) checkDeadline(f);
      yield { first: k, second: v };
    }
    return;
  }
  throw new CelEvalError(`cannot iterate over value of type '${typeName(range)}'`);
}

/** Compiles a macro call (the caller checked {@link isMacro}). */
export function compileMacro(c: Compiler, e: CallExpr): Evaluator {
  const target = e.target;
  if (target === null) return c.fail(e, "cel_syntax_error", `${e.fn} is not a global macro`);
  const range = c.compile(target);
  if (e.fn === "optMap" || e.fn === "optFlatMap") return optMacro(c, e, range);
  const twoVars = TWO_VAR_FIRST.has(e.fn) || (e.args.length === 3 && e.fn !== "map");
  const names = twoVars ? [identName(e.args[0]), identName(e.args[1])] : [identName(e.args[0])];
  const bodies = e.args.slice(names.length);
  const { slots, run } = c.withLocals(names, () => {
    const compiled = bodies.map((b) => c.compile(b));
    return loopFor(e.fn, compiled, e);
  });
  const [s0 = 0, s1 = 0] = slots;
  const oneVar = !twoVars;
  return (f) => {
    const r = range(f);
    const bind = (s: Step): void => {
      f.locals[s0] = s.first;
      if (!oneVar) f.locals[s1] = s.second;
    };
    return run(f, steps(r, oneVar, f), bind, r);
  };
}

type LoopRunner = (f: Frame, it: Iterable<Step>, bind: (s: Step) => void, range: CelValue) => CelValue;

function loopFor(fn: string, bodies: readonly Evaluator[], e: CallExpr): LoopRunner {
  const [a, b] = bodies as [Evaluator, Evaluator | undefined];
  let runner: LoopRunner;
  switch (fn) {
    case "all":
      runner = quantifier(a, false);
      break;
    case "exists":
      runner = quantifier(a, true);
      break;
    case "exists_one":
    case "existsOne":
      runner = (f, it, bind) => {
        let count = 0;
        for (const s of it) {
          bind(s);
          const v = a(f);
          if (typeof v !== "boolean") throw overloadError(fn, [v]);
          if (v) count++;
        }
        return count === 1;
      };
      break;
    case "map":
    case "transformList":
      runner = (f, it, bind) => {
        const out: CelValue[] = [];
        for (const s of it) {
          bind(s);
          if (b === undefined) out.push(a(f));
          else if (truthy(a(f), fn)) out.push(b(f));
        }
        return out;
      };
      break;
    case "filter":
      runner = (f, it, bind) => {
        const out: CelValue[] = [];
        for (const s of it) {
          bind(s);
          if (truthy(a(f), fn)) out.push(s.first);
        }
        return out;
      };
      break;
    case "transformMap":
      runner = (f, it, bind) => {
        const out: CelMap = new Map();
        for (const s of it) {
          bind(s);
          if (b === undefined) out.set(s.first, a(f));
          else if (truthy(a(f), fn)) out.set(s.first, b(f));
        }
        return out;
      };
      break;
    case "transformMapEntry":
      runner = (f, it, bind) => {
        const out: CelMap = new Map();
        for (const s of it) {
          bind(s);
          const entry = b === undefined ? a(f) : truthy(a(f), fn) ? b(f) : null;
          if (entry === null) continue;
          if (!(entry instanceof Map)) throw overloadError(fn, [entry]);
          for (const [k, v] of entry) {
            if (out.has(k)) throw new CelEvalError(`insert failed: key ${String(k)} already exists`);
            out.set(k, v);
          }
        }
        return out;
      };
      break;
    default:
      throw new CelEvalError(`unknown macro ${e.fn}`);
  }
  return runner;
}

function truthy(v: CelValue, fn: string): boolean {
  if (typeof v !== "boolean") throw overloadError(fn, [v]);
  return v;
}

/** `all` (decisive false) and `exists` (decisive true): errors lose to a decisive element. */
function quantifier(pred: Evaluator, decisive: boolean): LoopRunner {
  return (f, it, bind) => {
    let error: CelEvalError | undefined;
    for (const s of it) {
      bind(s);
      const v = tryEval(pred, f);
      if (v === decisive) return decisive;
      if (v instanceof CelEvalError) error ??= v;
      else if (typeof v !== "boolean") error ??= overloadError(decisive ? "exists" : "all", [v]);
    }
    if (error !== undefined) throw error;
    return !decisive;
  };
}

function optMacro(c: Compiler, e: CallExpr, range: Evaluator): Evaluator {
  const flat = e.fn === "optFlatMap";
  const { slots, run } = c.withLocals([identName(e.args[0])], () => c.compile(e.args[1] as Expr));
  const [slot = 0] = slots;
  return (f) => {
    const o = range(f);
    if (!(o instanceof CelOptional)) throw overloadError(e.fn, [o]);
    if (o.value === undefined) return o;
    f.locals[slot] = o.value;
    const v = run(f);
    if (!flat) return new CelOptional(v);
    if (!(v instanceof CelOptional)) throw overloadError(e.fn, [v]);
    return v;
  };
}
