/**
 * Compile-time name checks @bufbuild/cel leaves to evaluation: undeclared identifiers, unknown
 * functions and undefined `variables.<name>` references fail when the template is compiled, as they
 * do in Kubernetes' type-checked environment.
 */
import type { CelEnv } from "@bufbuild/cel";
import { children, type Expr, type Node } from "./ast.js";
import type { CelCompileCode } from "./errors.js";

/** What an expression may refer to. */
export interface Declarations {
  readonly functions: CelEnv["funcs"];
  /** Root identifiers (`object`, `request`, …). */
  readonly roots: ReadonlySet<string>;
  /** Declared `variables.<name>`; undefined when `variables` is not bound at all. */
  readonly variables?: ReadonlySet<string>;
}

/** Reports a problem at a node. */
export type Fail = (at: Expr, code: CelCompileCode, message: string) => never;

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
]);
/** Calls the planner implements itself. */
const PLANNER_CALLS = new Set([
  "_[_]",
  "_?_:_",
  "_&&_",
  "_||_",
  "@not_strictly_false",
  "__not_strictly_false__",
]);

/** The global names an expression reads. */
export interface References {
  /** Root identifiers read, `variables` among them when it is read on its own. */
  readonly roots: ReadonlySet<string>;
  /** The `<name>` of every `variables.<name>` read. */
  readonly variables: ReadonlySet<string>;
}

/** Throws (through `fail`) at the first reference `e` cannot resolve; returns what `e` reads. */
export function checkReferences(e: Expr, d: Declarations, fail: Fail): References {
  const checker = new Checker(d, fail);
  checker.visit(e, new Set());
  return { roots: checker.roots, variables: checker.variables };
}

class Checker {
  readonly roots = new Set<string>();
  readonly variables = new Set<string>();

  constructor(
    private readonly d: Declarations,
    private readonly fail: Fail,
  ) {}

  private isGlobal(name: string, scope: ReadonlySet<string>): boolean {
    return (
      !scope.has(name) && (this.d.roots.has(name) || (name === "variables" && this.d.variables !== undefined))
    );
  }

  visit(e: Expr, scope: ReadonlySet<string>): void {
    const k = e.exprKind;
    switch (k.case) {
      case "identExpr":
        this.ident(e, k.value.name, scope);
        return;
      case "selectExpr":
        this.select(e, k.value, scope);
        return;
      case "callExpr":
        this.call(e, k.value, scope);
        return;
      case "structExpr":
        if (k.value.messageName !== "")
          this.fail(e, "cel_unsupported", `unknown type: ${k.value.messageName}`);
        break;
      case "comprehensionExpr":
        this.comprehension(k.value, scope);
        return;
    }
    for (const c of children(e)) this.visit(c, scope);
  }

  private ident(e: Expr, name: string, scope: ReadonlySet<string>): void {
    const plain = name.startsWith(".") ? name.slice(1) : name;
    if (scope.has(name)) return;
    if (this.isGlobal(plain, scope)) {
      this.roots.add(plain);
      return;
    }
    if (TYPE_NAMES.has(plain) || plain.startsWith("@")) return;
    this.fail(e, "cel_undeclared_reference", `undeclared reference to '${plain}' (in container '')`);
  }

  private select(e: Expr, s: Node<"selectExpr">, scope: ReadonlySet<string>): void {
    const operand = s.operand;
    if (operand === undefined) return;
    const name = operand.exprKind.case === "identExpr" ? operand.exprKind.value.name : undefined;
    if (name === "variables" && this.isGlobal(name, scope) && this.d.variables !== undefined) {
      if (!this.d.variables.has(s.field))
        this.fail(e, "cel_undeclared_reference", `undefined field '${s.field}'`);
      this.variables.add(s.field);
      return;
    }
    this.visit(operand, scope);
  }

  private call(e: Expr, c: Node<"callExpr">, scope: ReadonlySet<string>): void {
    if (c.target === undefined && c.function === "has")
      this.fail(e, "cel_syntax_error", "invalid argument to has() macro");
    const qualified = c.target === undefined ? undefined : this.qualifiedName(c.target, scope);
    const known = (name: string): boolean =>
      PLANNER_CALLS.has(name) || this.d.functions.find(name) !== undefined;
    if (qualified !== undefined && known(`${qualified}.${c.function}`)) {
      for (const a of c.args) this.visit(a, scope);
      return;
    }
    if (!known(c.function))
      this.fail(e, "cel_undeclared_reference", `undeclared reference to '${c.function}' (in container '')`);
    for (const x of children(e)) this.visit(x, scope);
  }

  /** `a.b` as a namespace (`sets`, `strings`, `ip`) when `a` is not a variable. */
  private qualifiedName(e: Expr, scope: ReadonlySet<string>): string | undefined {
    const k = e.exprKind;
    if (k.case === "identExpr") {
      const name = k.value.name.startsWith(".") ? k.value.name.slice(1) : k.value.name;
      return scope.has(name) || this.isGlobal(name, scope) ? undefined : name;
    }
    if (k.case === "selectExpr" && !k.value.testOnly && k.value.operand !== undefined) {
      const inner = this.qualifiedName(k.value.operand, scope);
      return inner === undefined ? undefined : `${inner}.${k.value.field}`;
    }
    return undefined;
  }

  private comprehension(c: Node<"comprehensionExpr">, scope: ReadonlySet<string>): void {
    if (c.iterRange !== undefined) this.visit(c.iterRange, scope);
    if (c.accuInit !== undefined) this.visit(c.accuInit, scope);
    const withAccu = new Set(scope).add(c.accuVar);
    const inLoop = new Set(withAccu).add(c.iterVar);
    if (c.loopCondition !== undefined) this.visit(c.loopCondition, inLoop);
    if (c.loopStep !== undefined) this.visit(c.loopStep, inLoop);
    if (c.result !== undefined) this.visit(c.result, withAccu);
  }
}
