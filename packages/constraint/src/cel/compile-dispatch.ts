/**
 * Calls into the environment's function registry, for functions and argument types the compiler
 * does not implement itself: the overloads that can match (by arity and call style) are picked once
 * at compile time, and at run time the first whose argument types match answers, as in
 * @bufbuild/cel's own dispatch.
 */
import type { CelEnv, CelFunc, CelResult, CelValue } from "@bufbuild/cel";
import { inEvalContext } from "./bufbuild-delegate.js";
import { celError, noOverload } from "./compile-errors.js";

/** Calls a function by name with evaluated arguments (`target` for the receiver of a method). */
export type Dispatch = (target: CelValue | undefined, args: CelValue[]) => CelResult;

/**
 * Functions whose implementations return raw protobuf messages (timestamps and durations), which
 * @bufbuild/cel converts with its evaluation context.
 */
const NEED_CONTEXT: ReadonlySet<string> = new Set(["timestamp", "duration", "_+_", "_-_"]);

/** The dispatcher for `name` called with `argc` arguments, as a method when `method`. */
export function dispatcher(env: CelEnv, name: string, method: boolean, argc: number, id: number): Dispatch {
  const group = env.funcs.find(name);
  if (group === undefined) return () => celError(`unbound function: ${name}`);
  const candidates: CelFunc[] = [];
  for (const fn of group)
    if ((fn.target !== undefined) === method && fn.arguments.length === argc) candidates.push(fn);
  const context = NEED_CONTEXT.has(name);
  const first = (target: CelValue | undefined, args: CelValue[]): CelResult | undefined => {
    for (const fn of candidates) {
      const r = fn.call(id, target, args);
      if (r !== undefined) return r;
    }
    return undefined;
  };
  return (target, args) => {
    const r = context ? inEvalContext(() => first(target, args)) : first(target, args);
    return r === undefined ? noOverload(name, target, args) : r;
  };
}
