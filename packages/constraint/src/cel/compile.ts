/** Compiles a parsed CEL expression into closures, resolving names and functions once. */
import { hasField, indexOptional, indexValue, selectField, selectOptional } from "./access.js";
import type { Expr } from "./ast.js";
import { CelCompileError, CelEvalError, lineCol } from "./errors.js";
import { type CelFunction, type FunctionTable, overloadError } from "./functions.js";
import { compileMacro, isMacro } from "./macros.js";
import * as ops from "./operators.js";
import { parse } from "./parser.js";
import type { Evaluator, Frame, Program } from "./program.js";
import { type CelMap, CelOptional, CelType, CelUint, type CelValue, typeName } from "./values.js";

/** What an expression may refer to. */
export interface CompileEnv {
  readonly functions: FunctionTable;
  /** Root identifiers and their index in {@link Frame.roots}. */
  readonly roots: ReadonlyMap<string, number>;
  /** Declared `variables.<name>` and their resolver index; absent when `variables` is unbound. */
  readonly variables?: ReadonlyMap<string, number>;
}

const TYPE_NAMES = new Set([
  "int",
  "uint",
  "double",
  "bool",
  "string",
  "bytes",
  "list",
  "map",
  "null_type",
  "type",
  "optional_type",
  "google.protobuf.Duration",
  "google.protobuf.Timestamp",
]);

/** Compiles one expression; throws {@link CelCompileError} on syntax errors and unknown names. */
export function compileExpression(source: string, env: CompileEnv): Program {
  const ast = parse(source);
  const c = new Compiler(source, env);
  const run = c.compile(ast);
  return { source, localCount: c.slots, run };
}

/** Compile-time state: the scope of comprehension variables and the slot counter. */
export class Compiler {
  slots = 0;
  private readonly scopes: Map<string, number>[] = [];

  constructor(
    private readonly src: string,
    readonly env: CompileEnv,
  ) {}

  /** Errors with the position of `e`. */
  fail(
    e: Expr,
    code: "cel_undeclared_reference" | "cel_syntax_error" | "cel_unsupported",
    msg: string,
  ): never {
    const { row, col } = lineCol(this.src, e.pos);
    throw new CelCompileError(code, msg, row, col);
  }

  /** Compiles `body` with `names` bound to fresh local slots; returns the slots and the body. */
  withLocals<T>(names: readonly string[], body: () => T): { slots: number[]; run: T } {
    const scope = new Map<string, number>();
    const slots = names.map((n) => {
      const s = this.slots++;
      scope.set(n, s);
      return s;
    });
    this.scopes.push(scope);
    try {
      return { slots, run: body() };
    } finally {
      this.scopes.pop();
    }
  }

  private local(name: string): number | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i]?.get(name);
      if (s !== undefined) return s;
    }
    return undefined;
  }

  /** Whether `e` is the bare, unshadowed `variables` identifier. */
  private isVariablesRoot(e: Expr): boolean {
    return e.k === "ident" && e.name === "variables" && this.local("variables") === undefined;
  }

  compile(e: Expr): Evaluator {
    switch (e.k) {
      case "lit": {
        const v = e.v;
        return () => v;
      }
      case "ident":
        return this.ident(e);
      case "select":
        return this.select(e);
      case "index": {
        const operand = this.compile(e.operand);
        const index = this.compile(e.index);
        if (e.optional) return (f) => indexOptional(operand(f), index(f));
        return (f) => indexValue(operand(f), index(f));
      }
      case "call":
        return this.call(e);
      case "list":
        return this.list(e);
      case "map":
        return this.map(e);
      case "unary": {
        const operand = this.compile(e.operand);
        if (e.op === "!") return (f) => ops.not(operand(f));
        return (f) => ops.negate(operand(f));
      }
      case "cond": {
        const cond = this.compile(e.cond);
        const then = this.compile(e.then);
        const otherwise = this.compile(e.else);
        return (f) => {
          const c = cond(f);
          if (c === true) return then(f);
          if (c === false) return otherwise(f);
          throw overloadError("_?_:_", [c]);
        };
      }
      case "binary":
        return this.binary(e);
    }
  }

  private ident(e: Extract<Expr, { k: "ident" }>): Evaluator {
    const name = e.name.startsWith(".") ? e.name.slice(1) : e.name;
    if (!e.name.startsWith(".")) {
      const slot = this.local(name);
      if (slot !== undefined) return (f) => f.locals[slot] as CelValue;
    }
    const root = this.env.roots.get(name);
    if (root !== undefined) return (f) => f.roots[root] as CelValue;
    if (name === "variables" && this.env.variables !== undefined) return (f) => f.vars.all();
    if (TYPE_NAMES.has(name)) {
      const t = new CelType(name);
      return () => t;
    }
    return this.fail(e, "cel_undeclared_reference", `undeclared reference to '${name}' (in container '')`);
  }

  private variableIndex(e: Expr, field: string): number {
    const i = this.env.variables?.get(field);
    if (i === undefined) return this.fail(e, "cel_undeclared_reference", `undefined field '${field}'`);
    return i;
  }

  private select(e: Extract<Expr, { k: "select" }>): Evaluator {
    if (this.isVariablesRoot(e.operand) && this.env.variables !== undefined) {
      const i = this.variableIndex(e, e.field);
      if (e.optional) return (f) => new CelOptional(f.vars.get(i));
      return (f) => f.vars.get(i);
    }
    const operand = this.compile(e.operand);
    const field = e.field;
    if (e.optional) return (f) => selectOptional(operand(f), field);
    return (f) => selectField(operand(f), field);
  }

  /** `has(x.f)`. */
  compileHas(call: Expr, arg: Expr | undefined): Evaluator {
    if (arg === undefined || arg.k !== "select" || arg.optional)
      return this.fail(call, "cel_syntax_error", "invalid argument to has() macro");
    if (this.isVariablesRoot(arg.operand) && this.env.variables !== undefined) {
      this.variableIndex(arg, arg.field);
      return () => true;
    }
    const operand = this.compile(arg.operand);
    const field = arg.field;
    return (f) => hasField(operand(f), field);
  }

  private call(e: Extract<Expr, { k: "call" }>): Evaluator {
    if (e.target === null && e.fn === "has")
      return this.compileHas(e, e.args.length === 1 ? e.args[0] : undefined);
    if (e.target !== null && isMacro(e.fn, e.args)) return compileMacro(this, e);
    const args = e.args.map((a) => this.compile(a));
    if (e.target === null) {
      const fn = this.env.functions.resolveGlobal(e.fn);
      if (fn === undefined)
        return this.fail(
          e,
          "cel_undeclared_reference",
          `undeclared reference to '${e.fn}' (in container '')`,
        );
      return callN(fn, args);
    }
    const qualified = this.qualifiedName(e.target);
    if (qualified !== undefined) {
      const fn = this.env.functions.resolveGlobal(`${qualified}.${e.fn}`);
      if (fn !== undefined) return callN(fn, args);
    }
    const fn = this.env.functions.resolveMember(e.fn);
    if (fn === undefined)
      return this.fail(e, "cel_undeclared_reference", `undeclared reference to '${e.fn}' (in container '')`);
    return callN(fn, [this.compile(e.target), ...args]);
  }

  /** `a.b` as a namespace name when `a` is not a variable in scope (for `optional.of`, `sets.contains`, …). */
  private qualifiedName(e: Expr): string | undefined {
    if (e.k === "ident") {
      const name = e.name.startsWith(".") ? e.name.slice(1) : e.name;
      if (this.local(name) !== undefined || this.env.roots.has(name)) return undefined;
      if (name === "variables" && this.env.variables !== undefined) return undefined;
      return name;
    }
    if (e.k === "select" && !e.optional) {
      const inner = this.qualifiedName(e.operand);
      return inner === undefined ? undefined : `${inner}.${e.field}`;
    }
    return undefined;
  }

  private list(e: Extract<Expr, { k: "list" }>): Evaluator {
    const elems = e.elems.map((x) => this.compile(x));
    const optional = e.optional;
    if (!optional.includes(true)) return (f) => elems.map((x) => x(f));
    return (f) => {
      const out: CelValue[] = [];
      elems.forEach((x, i) => {
        const v = x(f);
        if (!optional[i]) out.push(v);
        else if (!(v instanceof CelOptional)) throw overloadError("optional list element", [v]);
        else if (v.value !== undefined) out.push(v.value);
      });
      return out;
    };
  }

  private map(e: Extract<Expr, { k: "map" }>): Evaluator {
    const entries = e.entries.map((x) => ({
      key: this.compile(x.key),
      value: this.compile(x.value),
      optional: x.optional,
    }));
    return (f) => {
      const out: CelMap = new Map();
      for (const entry of entries) {
        const k = entry.key(f);
        if (
          !(typeof k === "string" || typeof k === "bigint" || typeof k === "boolean" || k instanceof CelUint)
        )
          throw new CelEvalError(`unsupported key type: ${typeName(k)}`);
        if (out.has(k)) throw new CelEvalError(`Failed with repeated key: ${String(k)}`);
        const v = entry.value(f);
        if (!entry.optional) out.set(k, v);
        else if (!(v instanceof CelOptional)) throw overloadError("optional map entry", [v]);
        else if (v.value !== undefined) out.set(k, v.value);
      }
      return out;
    };
  }

  private binary(e: Extract<Expr, { k: "binary" }>): Evaluator {
    const l = this.compile(e.left);
    const r = this.compile(e.right);
    switch (e.op) {
      case "&&":
        return logical(l, r, false);
      case "||":
        return logical(l, r, true);
      case "==":
        return (f) => ops.equals(l(f), r(f));
      case "!=":
        return (f) => !ops.equals(l(f), r(f));
      case "<":
      case "<=":
      case ">":
      case ">=": {
        const op = e.op;
        return (f) => ops.relation(op, l(f), r(f));
      }
      case "in":
        return (f) => ops.inOp(l(f), r(f));
      case "+":
        return (f) => ops.add(l(f), r(f));
      case "-":
        return (f) => ops.sub(l(f), r(f));
      case "*":
        return (f) => ops.mul(l(f), r(f));
      case "/":
        return (f) => ops.div(l(f), r(f));
      case "%":
        return (f) => ops.mod(l(f), r(f));
    }
  }
}

function callN(fn: CelFunction, args: readonly Evaluator[]): Evaluator {
  switch (args.length) {
    case 0:
      return () => fn([]);
    case 1: {
      const [a] = args as [Evaluator];
      return (f) => fn([a(f)]);
    }
    case 2: {
      const [a, b] = args as [Evaluator, Evaluator];
      return (f) => fn([a(f), b(f)]);
    }
    default:
      return (f) => fn(args.map((a) => a(f)));
  }
}

/** Evaluates, turning a CEL error into a returned value so `&&`/`||` can absorb it. */
export function tryEval(e: Evaluator, f: Frame): CelValue | CelEvalError {
  try {
    return e(f);
  } catch (err: unknown) {
    if (err instanceof CelEvalError) return err;
    throw err;
  }
}

/**
 * `&&` (`decisive` false) and `||` (`decisive` true): commutative with respect to errors, so a
 * decisive value on either side wins over an error on the other.
 */
function logical(l: Evaluator, r: Evaluator, decisive: boolean): Evaluator {
  const name = decisive ? "_||_" : "_&&_";
  return (f) => {
    const a = tryEval(l, f);
    if (a === decisive) return decisive;
    const b = tryEval(r, f);
    if (b === decisive) return decisive;
    if (a instanceof CelEvalError) throw a;
    if (typeof a !== "boolean") throw overloadError(name, [a]);
    if (b instanceof CelEvalError) throw b;
    if (typeof b !== "boolean") throw overloadError(name, [a, b]);
    return !decisive;
  };
}
