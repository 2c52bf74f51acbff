/** The function registry: global (`f(x)`) and receiver-style (`x.f(y)`) CEL functions. */
import { CelEvalError } from "./errors.js";
import { type CelValue, typeName } from "./values.js";

/** Returned by an overload that does not accept the given argument types. */
export const NO_OVERLOAD: unique symbol = Symbol("no overload");

/**
 * One implementation of a function name. For receiver-style calls `args[0]` is the receiver.
 * Returns {@link NO_OVERLOAD} when the argument types are not its own.
 */
export type Overload = (args: readonly CelValue[]) => CelValue | typeof NO_OVERLOAD;

/** A resolved function: all overloads of a name, tried in registration order. */
export type CelFunction = (args: readonly CelValue[]) => CelValue;

/** Functions by name, each with its overloads. */
export class FunctionTable {
  private readonly globals = new Map<string, Overload[]>();
  private readonly members = new Map<string, Overload[]>();

  /** Adds an overload for `name(args…)`. */
  global(name: string, fn: Overload): this {
    push(this.globals, name, fn);
    return this;
  }

  /** Adds an overload for `receiver.name(args…)`. */
  member(name: string, fn: Overload): this {
    push(this.members, name, fn);
    return this;
  }

  hasGlobal(name: string): boolean {
    return this.globals.has(name);
  }

  hasMember(name: string): boolean {
    return this.members.has(name);
  }

  /** The dispatcher for a global function, or undefined when the name is not declared. */
  resolveGlobal(name: string): CelFunction | undefined {
    const list = this.globals.get(name);
    return list === undefined ? undefined : dispatcher(name, list);
  }

  /** The dispatcher for a receiver-style function, or undefined when the name is not declared. */
  resolveMember(name: string): CelFunction | undefined {
    const list = this.members.get(name);
    return list === undefined ? undefined : dispatcher(name, list);
  }
}

function push(map: Map<string, Overload[]>, name: string, fn: Overload): void {
  const list = map.get(name);
  if (list === undefined) map.set(name, [fn]);
  else list.push(fn);
}

function dispatcher(name: string, list: readonly Overload[]): CelFunction {
  const only = list.length === 1 ? list[0] : undefined;
  if (only !== undefined) {
    return (args) => {
      const r = only(args);
      if (r === NO_OVERLOAD) throw overloadError(name, args);
      return r;
    };
  }
  return (args) => {
    for (const fn of list) {
      const r = fn(args);
      if (r !== NO_OVERLOAD) return r;
    }
    throw overloadError(name, args);
  };
}

/** The error for a call whose argument types match no overload. */
export function overloadError(name: string, args: readonly CelValue[]): CelEvalError {
  return new CelEvalError(`no such overload: ${name}(${args.map(typeName).join(", ")})`);
}
