/**
 * Calls: the operators the language defines itself (`&&`, `||`, `?:`, indexing), the macros'
 * internal helpers, compiled hot functions (compile-functions.ts) and, for everything else, the
 * environment's overloads through a dispatcher resolved at compile time.
 */
import type { CelError, CelValue } from "@bufbuild/cel";
import type { Expr, Node } from "./ast.js";
import { compileIndex } from "./compile-access.js";
import type { NodeCompiler, Scope } from "./compile-context.js";
import { type Dispatch, dispatcher } from "./compile-dispatch.js";
import { celError } from "./compile-errors.js";
import type { Eval, Frame } from "./compile-frame.js";
import { FAST_FUNCTIONS } from "./compile-functions.js";
import {
  compileAnd,
  compileConditional,
  compileNot,
  compileNotStrictlyFalse,
  compileOr,
} from "./compile-logic.js";
import { deadlinePassed } from "./deadline-clock.js";
import { isCelErrorValue } from "./errors.js";
import { DEADLINE_EXCEEDED, INTERNAL } from "./internal-functions.js";

/** `a.b.c` as a qualified function-name prefix, when `a` is neither a variable nor a binding. */
export function qualifiedName(c: NodeCompiler, e: Expr, scope: Scope): string | undefined {
  const k = e.exprKind;
  if (k.case === "identExpr") {
    const name = k.value.name.startsWith(".") ? k.value.name.slice(1) : k.value.name;
    return scope.has(name) || c.isGlobal(name, scope) ? undefined : name;
  }
  if (k.case === "selectExpr" && !k.value.testOnly && k.value.operand !== undefined) {
    const inner = qualifiedName(c, k.value.operand, scope);
    return inner === undefined ? undefined : `${inner}.${k.value.field}`;
  }
  return undefined;
}

/** `@in_time(cond, deadline)`: the condition, or an error once the deadline has passed. */
function inTime(cond: Eval, deadline: Eval, fallback: Dispatch): Eval {
  return (f) => {
    const x = cond(f);
    if (isCelErrorValue(x)) return x;
    const d = deadline(f);
    if (isCelErrorValue(d)) return d;
    if (typeof x !== "boolean" || typeof d !== "number") return fallback(undefined, [x, d]);
    return deadlinePassed(d) ? celError(DEADLINE_EXCEEDED) : x;
  };
}

/** Operators the planner implemented itself, and `!`; undefined for other calls. */
function special(c: NodeCompiler, id: number, call: Node<"callExpr">, scope: Scope): Eval | undefined {
  const args = call.args;
  const n = args.length;
  const arg = (i: number): Eval => {
    const a = args[i];
    return a === undefined ? () => celError("missing argument") : c.compile(a, scope);
  };
  switch (call.function) {
    case "_&&_":
      return n === 2 ? compileAnd(arg(0), arg(1)) : undefined;
    case "_||_":
      return n === 2 ? compileOr(arg(0), arg(1)) : undefined;
    case "_?_:_":
      return n === 3 ? compileConditional(arg(0), arg(1), arg(2)) : undefined;
    case "_[_]":
      return n === 2 ? compileIndex(arg(0), arg(1)) : undefined;
    case "@not_strictly_false":
    case "__not_strictly_false__":
      return n === 1 ? compileNotStrictlyFalse(arg(0)) : undefined;
    case "!_":
      return n === 1 ? compileNot(arg(0), dispatcher(c.env, "!_", false, 1, id)) : undefined;
    case INTERNAL.inTime:
      return n === 2 ? inTime(arg(0), arg(1), dispatcher(c.env, INTERNAL.inTime, false, 2, id)) : undefined;
    default:
      return undefined;
  }
}

function evalArgs(f: Frame, args: readonly Eval[]): CelValue[] | CelError {
  const out: CelValue[] = [];
  for (const a of args) {
    const v = a(f);
    if (isCelErrorValue(v)) return v;
    out.push(v);
  }
  return out;
}

/** A call through the dispatcher: receiver, then arguments in order; the first error wins. */
function generic(target: Eval | undefined, args: readonly Eval[], call: Dispatch): Eval {
  const [a0] = args;
  if (target === undefined) {
    if (args.length === 0) return () => call(undefined, []);
    if (args.length === 1 && a0 !== undefined)
      return (f) => {
        const x = a0(f);
        return isCelErrorValue(x) ? x : call(undefined, [x]);
      };
    return (f) => {
      const xs = evalArgs(f, args);
      return Array.isArray(xs) ? call(undefined, xs) : xs;
    };
  }
  if (args.length === 0)
    return (f) => {
      const t = target(f);
      return isCelErrorValue(t) ? t : call(t, []);
    };
  return (f) => {
    const t = target(f);
    if (isCelErrorValue(t)) return t;
    const xs = evalArgs(f, args);
    return Array.isArray(xs) ? call(t, xs) : xs;
  };
}

function functionCall(
  c: NodeCompiler,
  id: number,
  name: string,
  targetExpr: Expr | undefined,
  argExprs: readonly Expr[],
  scope: Scope,
): Eval {
  const target = targetExpr === undefined ? undefined : c.compile(targetExpr, scope);
  const args = argExprs.map((a) => c.compile(a, scope));
  const fallback = dispatcher(c.env, name, target !== undefined, args.length, id);
  const key = `${target === undefined ? "" : "."}${name}/${args.length}`;
  const fast = FAST_FUNCTIONS.get(key)?.({ target, args, argExprs, fallback });
  return fast ?? generic(target, args, fallback);
}

/** Compiles a call node. */
export function compileCall(c: NodeCompiler, e: Expr, call: Node<"callExpr">, scope: Scope): Eval {
  const id = Number(e.id);
  if (call.target !== undefined) {
    const q = qualifiedName(c, call.target, scope);
    const full = q === undefined ? undefined : `${q}.${call.function}`;
    if (full !== undefined && c.env.funcs.find(full) !== undefined)
      return functionCall(c, id, full, undefined, call.args, scope);
    return functionCall(c, id, call.function, call.target, call.args, scope);
  }
  return special(c, id, call, scope) ?? functionCall(c, id, call.function, undefined, call.args, scope);
}
