/**
 * Compiles a parsed, macro-rewritten CEL expression into JavaScript closures. Names are resolved at
 * compile time (comprehension variables to slots, `variables.<name>` to the template's lazily
 * evaluated variables, roots to activation reads), calls to compiled operators or to overloads
 * picked once; evaluation then runs without scope chains, argument arrays or per-call overload
 * resolution on the hot paths. Results are @bufbuild/cel's (values, or error values).
 */
import { type CelEnv, type CelResult, CelScalar, type CelType, listType, mapType } from "@bufbuild/cel";
import type { Expr, Node } from "./ast.js";
import { identName } from "./ast-patterns.js";
import { compileHas, compileSelect, compileVariable, readAllVariables } from "./compile-access.js";
import { compileCall } from "./compile-calls.js";
import { compileComprehension } from "./compile-comprehension.js";
import type { Scope } from "./compile-context.js";
import { celError } from "./compile-errors.js";
import { type Eval, Frame, inputValue, readBinding } from "./compile-frame.js";
import { compileConstant, compileList, compileMap } from "./compile-literals.js";
import type { FallbackCompiler } from "./compile-source.js";
import { variableState } from "./lazy-variables.js";
import type { Activation } from "./program.js";

/** What a compiled expression may refer to. */
export interface ClosureOptions {
  readonly env: CelEnv;
  /** Root bindings (`object`, `request`, …). */
  readonly roots: ReadonlySet<string>;
  /** Declared `variables.<name>`; undefined when `variables` is not bound at all. */
  readonly variables?: ReadonlySet<string>;
}

/** Type names an identifier can denote (when no binding of that name is given). */
export const TYPES: ReadonlyMap<string, CelType> = new Map<string, CelType>([
  ["int", CelScalar.INT],
  ["uint", CelScalar.UINT],
  ["double", CelScalar.DOUBLE],
  ["bool", CelScalar.BOOL],
  ["string", CelScalar.STRING],
  ["bytes", CelScalar.BYTES],
  ["list", listType(CelScalar.DYN)],
  ["map", mapType(CelScalar.DYN, CelScalar.DYN)],
  ["null_type", CelScalar.NULL],
  ["type", CelScalar.TYPE],
]);

/** Compiles nodes to closures; also what generated code falls back to (compile-source.ts). */
export class Compiler implements FallbackCompiler {
  slotCount = 0;

  constructor(private readonly options: ClosureOptions) {}

  get env(): CelEnv {
    return this.options.env;
  }

  get hasVariables(): boolean {
    return this.options.variables !== undefined;
  }

  isRoot(name: string): boolean {
    return this.options.roots.has(name);
  }

  newSlot(): number {
    return this.slotCount++;
  }

  isGlobal(name: string, scope: Scope): boolean {
    return (
      !scope.has(name) &&
      (this.options.roots.has(name) || (name === "variables" && this.options.variables !== undefined))
    );
  }

  compile(e: Expr, scope: Scope): Eval {
    const k = e.exprKind;
    switch (k.case) {
      case "constExpr":
        return compileConstant(e);
      case "identExpr":
        return this.ident(k.value.name, scope);
      case "selectExpr":
        return this.select(k.value, scope);
      case "callExpr":
        return compileCall(this, e, k.value, scope);
      case "listExpr":
        return compileList(this, k.value, scope);
      case "structExpr":
        return compileMap(this, k.value, scope);
      case "comprehensionExpr":
        return compileComprehension(this, k.value, Number(e.id), scope);
      default: {
        const err = celError("invalid expression");
        return () => err;
      }
    }
  }

  private ident(name: string, scope: Scope): Eval {
    const plain = name.startsWith(".") ? name.slice(1) : name;
    const slot = scope.get(plain);
    if (slot !== undefined) return (f) => f.slots[slot] ?? null;
    if (plain === "variables" && this.options.variables !== undefined) return readAllVariables;
    const type = this.options.roots.has(plain) ? undefined : TYPES.get(plain);
    if (type !== undefined)
      return (f) => {
        const v = f.activation[plain];
        return v === undefined ? type : inputValue(v);
      };
    return (f) => readBinding(f.activation, plain);
  }

  /** The root binding a chain of selections starts from, if any. */
  rootOf(e: Expr, scope: Scope): string | undefined {
    const k = e.exprKind;
    if (k.case === "selectExpr" && !k.value.testOnly && k.value.operand !== undefined)
      return this.rootOf(k.value.operand, scope);
    const name = identName(e);
    return name !== undefined && !scope.has(name) && this.options.roots.has(name) ? name : undefined;
  }

  /** Whether a selection is `variables.<name>` with `variables` the template's variables. */
  readsTemplateVariable(s: Node<"selectExpr">, scope: Scope): boolean {
    return (
      !s.testOnly &&
      this.options.variables !== undefined &&
      identName(s.operand) === "variables" &&
      this.isGlobal("variables", scope)
    );
  }

  private select(s: Node<"selectExpr">, scope: Scope): Eval {
    const operand = s.operand;
    if (operand === undefined) {
      const err = celError("invalid select");
      return () => err;
    }
    if (this.readsTemplateVariable(s, scope)) return compileVariable(s.field);
    const compiled = this.compile(operand, scope);
    return s.testOnly
      ? compileHas(compiled, s.field, this.rootOf(operand, scope))
      : compileSelect(compiled, s.field);
  }
}

/** A compiled expression: evaluates on an activation and never throws. */
export type Run = (activation: Activation) => CelResult;

/** Compiles `expr` to closures. */
export function compileClosures(expr: Expr, options: ClosureOptions): Run {
  const compiler = new Compiler(options);
  const root = compiler.compile(expr, new Map());
  return runner(root, compiler.slotCount);
}

/** Runs `root` on a fresh frame with `slots` slots; a thrown error becomes an error value. */
function runner(root: Eval, slots: number): Run {
  return (activation) => {
    try {
      return root(new Frame(activation, variableState(activation), slots));
    } catch (e: unknown) {
      return celError(e);
    }
  };
}
