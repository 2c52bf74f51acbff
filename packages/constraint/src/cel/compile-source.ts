/**
 * Generates JavaScript for a CEL expression (decision 0007). The shapes hot in policies become
 * straight-line code: field selections, presence tests, `&&`, `||`, `?:`, `!`, equality, ordering,
 * arithmetic, `in`, `size`, the string tests, list literals, calls through the dispatcher, and the
 * macro loops (`all`, `exists`, `exists_one`, `map`, `filter`, bindings). Anything else is the
 * closure compile.ts makes for it, called from the generated code, so results never differ from
 * the closures'. The generated code calls the same helpers as the closures, in the same order.
 */
import type { CelValue } from "@bufbuild/cel";
import type { Expr, Node } from "./ast.js";
import { TYPES } from "./compile.js";
import { qualifiedName } from "./compile-calls.js";
import {
  DEADLINE_STRIDE_MASK,
  isBinding,
  macroMentionsAccu,
  recognizeMacro,
} from "./compile-comprehension.js";
import type { NodeCompiler, Scope } from "./compile-context.js";
import { dispatcher } from "./compile-dispatch.js";
import { BINARY_OPS, constantStrings, STRING_TESTS, UNARY_OPS } from "./compile-functions.js";
import { constantList, constantOf } from "./compile-literals.js";
import { INTERNAL } from "./internal-functions.js";

/** Generated text and the values it refers to (`E[i]`). */
export interface CelSource {
  readonly text: string;
  readonly env: readonly unknown[];
}

/** The compiler whose closures stand in for shapes the generator leaves alone. */
export interface FallbackCompiler extends NodeCompiler {
  /** Comprehension slots allocated so far (all of them, once the text is generated). */
  readonly slotCount: number;
  /** Whether `variables` is declared (then `variables.<name>` reads the template's variables). */
  readonly hasVariables: boolean;
  /** Whether `name` is a root binding. */
  isRoot(name: string): boolean;
  /** The root binding a chain of selections starts from, if any (for `has()`). */
  rootOf(e: Expr, scope: Scope): string | undefined;
  /** Whether a selection is `variables.<name>` with `variables` the template's variables. */
  readsTemplateVariable(s: Node<"selectExpr">, scope: Scope): boolean;
}

/** Scalars written into the text as literals. */
function literal(v: CelValue): string | undefined {
  if (v === null || typeof v === "boolean") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  return undefined;
}

/**
 * Generates the function of one expression. Temporaries are declared once at the top; each node
 * writes its value into one and the parent reads it, so short-circuits are plain `if`s.
 */
class SourceGenerator {
  private readonly lines: string[] = [];
  private readonly env: unknown[] = [];
  /** Per-program state kept between runs, declared outside the function. */
  private readonly state: string[] = [];
  /** The local holding each template variable read in this run (undefined until read). */
  private readonly variableLocals = new Map<string, string>();
  /** The same for bindings of the activation. */
  private readonly bindingLocals = new Map<string, string>();
  /** The same for selections and presence tests from those (see {@link runConstant}). */
  private readonly selectLocals = new Map<string, string>();
  private temps = 0;

  constructor(private readonly c: FallbackCompiler) {}

  source(root: Expr): CelSource {
    const result = this.value(root, new Map());
    const decls = Array.from({ length: this.temps }, (_, i) => `t${i}`);
    const consts = this.env.map((_, i) => `e${i} = E[${i}]`);
    // The function takes the activation itself: a shared runner calling each program's function
    // would be one call site for every program.
    const text = [
      '"use strict";',
      ...(consts.length > 0 ? [`const ${consts.join(", ")};`] : []),
      ...(this.state.length > 0 ? [`let ${this.state.join(", ")};`] : []),
      "return function generatedCel(A) {",
      "try {",
      `const f = new X.Frame(A, X.variableState(A), ${this.c.slotCount});`,
      "const S = f.slots;",
      ...(decls.length > 0 ? [`let ${decls.join(", ")};`] : []),
      ...this.lines,
      `return ${result};`,
      "} catch (e) {",
      "return X.celError(e);",
      "}",
      "};",
    ].join("\n");
    return { text, env: this.env };
  }

  private temp(): string {
    return `t${this.temps++}`;
  }

  private embed(v: unknown): string {
    this.env.push(v);
    return `e${this.env.length - 1}`;
  }

  private emit(line: string): void {
    this.lines.push(line);
  }

  /** The closure for `e` (compile.ts), called with the frame. */
  private fallback(e: Expr, scope: Scope): string {
    return `${this.embed(this.c.compile(e, scope))}(f)`;
  }

  /** Emits the code computing `e`; returns a temporary or literal holding its value. */
  private value(e: Expr, scope: Scope): string {
    const k = e.exprKind;
    switch (k.case) {
      case "constExpr": {
        const c = constantOf(e);
        if (c === undefined) break;
        return literal(c.value) ?? this.embed(c.value);
      }
      case "identExpr":
        return this.ident(e, k.value.name, scope);
      case "selectExpr":
        return this.select(e, k.value, scope);
      case "callExpr":
        return this.call(e, k.value, scope);
      case "listExpr":
        return this.list(k.value, scope);
      case "comprehensionExpr":
        return this.comprehension(e, k.value, scope);
    }
    return this.assign(this.fallback(e, scope));
  }

  private assign(expr: string): string {
    const t = this.temp();
    this.emit(`${t} = ${expr};`);
    return t;
  }

  private ident(e: Expr, name: string, scope: Scope): string {
    const plain = name.startsWith(".") ? name.slice(1) : name;
    const slot = scope.get(plain);
    if (slot !== undefined) return this.assign(`S[${slot}] ?? null`);
    const special = (plain === "variables" && this.c.hasVariables) || TYPES.has(plain);
    if (this.c.isRoot(plain) || !special) return this.binding(plain);
    return this.assign(this.fallback(e, scope));
  }

  /** A binding of the activation, read once per run into a local (it cannot change within a run). */
  private binding(name: string): string {
    let t = this.bindingLocals.get(name);
    if (t === undefined) {
      t = this.temp();
      this.bindingLocals.set(name, t);
    }
    this.emit(`if (${t} === undefined) ${t} = X.readBinding(A, ${JSON.stringify(name)});`);
    return t;
  }

  /**
   * `variables.<name>`: the template's lazily evaluated variable, by its index in the template
   * (looked up again when the program runs with another template's variables), as
   * compileVariable does.
   */
  private variable(name: string): string {
    // A variable's value does not change within a run: each is read once per run into a local.
    let t = this.variableLocals.get(name);
    if (t === undefined) {
      t = this.temp();
      this.variableLocals.set(name, t);
    }
    this.emit(`if (${t} === undefined) {`);
    this.emit(this.variableRead(name, t));
    this.emit("}");
    return t;
  }

  private variableRead(name: string, t: string): string {
    const lines: string[] = [];
    const owner = `o${t}`;
    const index = `x${t}`;
    if (!this.state.includes(owner)) this.state.push(owner, `${index} = -1`);
    const text = JSON.stringify(name);
    const read = `X.readVariableBinding(A, ${text}, ${JSON.stringify(`variables.${name}`)})`;
    lines.push(`if (f.variables === undefined) ${t} = ${read}; else {`);
    lines.push(`if (f.variables.template !== ${owner}) {`);
    lines.push(`${owner} = f.variables.template;`);
    lines.push(`${index} = ${owner}.indexOf(${text});`);
    lines.push("}");
    lines.push(`${t} = ${index} < 0 ? ${read} : f.variables.get(${index});`);
    lines.push("}");
    return lines.join("\n");
  }

  private select(e: Expr, s: Node<"selectExpr">, scope: Scope): string {
    const operand = s.operand;
    if (operand === undefined) return this.assign(this.fallback(e, scope));
    if (this.c.readsTemplateVariable(s, scope)) return this.variable(s.field);
    const key = JSON.stringify(s.field);
    // A selection from a binding or a template variable cannot change within a run: it is
    // computed once per run into a local.
    const path = this.runConstant(operand, scope);
    const memo = path === undefined ? undefined : `${s.testOnly ? "has" : "select"} ${path} ${s.field}`;
    let t = memo === undefined ? undefined : this.selectLocals.get(memo);
    if (t === undefined) {
      t = this.temp();
      if (memo !== undefined) this.selectLocals.set(memo, t);
    }
    if (memo !== undefined) this.emit(`if (${t} === undefined) {`);
    if (!s.testOnly) {
      const o = this.value(operand, scope);
      this.emit(`${t} = X.selectField(${o}, ${key});`);
    } else {
      const root = this.c.rootOf(operand, scope);
      if (root !== undefined) this.emit(`if (A[${JSON.stringify(root)}] === undefined) ${t} = false; else {`);
      const o = this.value(operand, scope);
      this.emit(`${t} = X.hasField(${o}, ${key});`);
      if (root !== undefined) this.emit("}");
    }
    if (memo !== undefined) this.emit("}");
    return t;
  }

  /**
   * The text of `e` when it is an identifier that is not a comprehension variable (a binding,
   * `variables`, a type) or a chain of field selections from one: its value cannot change within
   * a run.
   */
  private runConstant(e: Expr, scope: Scope): string | undefined {
    const k = e.exprKind;
    if (k.case === "identExpr") {
      const name = k.value.name.startsWith(".") ? k.value.name.slice(1) : k.value.name;
      return scope.has(name) ? undefined : name;
    }
    if (k.case !== "selectExpr" || k.value.testOnly || k.value.operand === undefined) return undefined;
    const inner = this.runConstant(k.value.operand, scope);
    return inner === undefined ? undefined : `${inner} ${k.value.field}`;
  }

  /** Evaluates `exprs` in order; the first error is `t`, else `then` runs with their values. */
  private inOrder(exprs: readonly Expr[], scope: Scope, t: string, then: (values: string[]) => void): void {
    const values: string[] = [];
    let open = 0;
    for (const x of exprs) {
      const v = this.value(x, scope);
      values.push(v);
      this.emit(`if (X.isError(${v})) ${t} = ${v}; else {`);
      open++;
    }
    then(values);
    this.emit("}".repeat(open));
  }

  private call(e: Expr, call: Node<"callExpr">, scope: Scope): string {
    const args = call.args;
    if (call.target !== undefined) {
      const q = qualifiedName(this.c, call.target, scope);
      const full = q === undefined ? undefined : `${q}.${call.function}`;
      if (full !== undefined && this.c.env.funcs.find(full) !== undefined)
        return this.functionCall(e, full, undefined, args, scope);
      return this.functionCall(e, call.function, call.target, args, scope);
    }
    const [a0, a1] = args;
    switch (call.function) {
      case "_&&_":
        if (a0 !== undefined && a1 !== undefined && args.length === 2)
          return this.logic(a0, a1, false, scope);
        break;
      case "_||_":
        if (a0 !== undefined && a1 !== undefined && args.length === 2) return this.logic(a0, a1, true, scope);
        break;
      case "_?_:_": {
        const a2 = args[2];
        if (a0 !== undefined && a1 !== undefined && a2 !== undefined && args.length === 3)
          return this.conditional(a0, a1, a2, scope);
        break;
      }
      case "_[_]":
        if (a0 !== undefined && a1 !== undefined && args.length === 2) {
          const t = this.temp();
          this.inOrder([a0, a1], scope, t, ([o, k]) => this.emit(`${t} = X.indexValue(${o}, ${k});`));
          return t;
        }
        break;
      case "@not_strictly_false":
      case "__not_strictly_false__":
        if (a0 !== undefined && args.length === 1) return this.assign(`${this.value(a0, scope)} !== false`);
        break;
      case "!_":
        if (a0 !== undefined && args.length === 1) {
          const d = this.embed(dispatcher(this.c.env, "!_", false, 1, Number(e.id)));
          const v = this.value(a0, scope);
          return this.assign(
            `${v} === true ? false : ${v} === false ? true : X.isError(${v}) ? ${v} : ${d}(undefined, [${v}])`,
          );
        }
        break;
      case INTERNAL.inTime:
        return this.assign(this.fallback(e, scope));
      default:
        return this.functionCall(e, call.function, undefined, args, scope);
    }
    return this.assign(this.fallback(e, scope));
  }

  /** `a && b` (`or` false) and `a || b` (`or` true), errors absorbed as compile-logic.ts does. */
  private logic(left: Expr, right: Expr, or: boolean, scope: Scope): string {
    const decisive = String(or);
    const other = String(!or);
    const t = this.temp();
    const a = this.value(left, scope);
    this.emit(`if (${a} === ${decisive}) ${t} = ${decisive}; else {`);
    const b = this.value(right, scope);
    this.emit(`if (${b} === ${decisive}) ${t} = ${decisive};`);
    this.emit(`else if (${a} !== ${other}) ${t} = X.isError(${a}) ? ${a} : X.notBool(${a});`);
    this.emit(`else if (${b} === ${other}) ${t} = ${other};`);
    this.emit(`else ${t} = X.isError(${b}) ? ${b} : X.notBool(${b});`);
    this.emit("}");
    return t;
  }

  private conditional(cond: Expr, yes: Expr, no: Expr, scope: Scope): string {
    const t = this.temp();
    const c = this.value(cond, scope);
    this.emit(`if (${c} === true) {`);
    this.emit(`${t} = ${this.value(yes, scope)};`);
    this.emit(`} else if (${c} === false) {`);
    this.emit(`${t} = ${this.value(no, scope)};`);
    this.emit(`} else ${t} = X.isError(${c}) ? ${c} : X.conditionNotBool(${c});`);
    return t;
  }

  private functionCall(
    e: Expr,
    name: string,
    target: Expr | undefined,
    args: readonly Expr[],
    scope: Scope,
  ): string {
    const key = `${target === undefined ? "" : "."}${name}/${args.length}`;
    const d = this.embed(dispatcher(this.c.env, name, target !== undefined, args.length, Number(e.id)));
    const fallback = (values: readonly string[]): string =>
      target === undefined
        ? `${d}(undefined, [${values.join(", ")}])`
        : `${d}(${values[0]}, [${values.slice(1).join(", ")}])`;
    const t = this.temp();
    const [a0, a1] = args;
    const pair = target === undefined && args.length === 2 && a0 !== undefined && a1 !== undefined;
    if ((name === "_==_" || name === "_!=_") && pair) {
      const negate = name === "_!=_";
      const c = constantOf(a1)?.value;
      if (typeof c === "string" || typeof c === "bigint" || typeof c === "boolean") {
        const a = this.value(a0, scope);
        const lit = literal(c);
        this.emit(
          `${t} = typeof ${a} === "${typeof c}" ? (${a} === ${lit}) !== ${negate} : X.isError(${a}) ? ${a} : X.celEquals(${a}, ${lit}) !== ${negate};`,
        );
        return t;
      }
      this.inOrder([a0, a1], scope, t, ([a, b]) =>
        this.emit(`${t} = X.celEquals(${a}, ${b}) !== ${negate};`),
      );
      return t;
    }
    if (key === "@in/2" && pair) {
      const strings = constantStrings(a1);
      if (strings !== undefined) {
        const set = this.embed(strings);
        const a = this.value(a0, scope);
        this.emit(`${t} = typeof ${a} === "string" ? ${set}.has(${a}) : X.isError(${a}) ? ${a} : false;`);
        return t;
      }
    }
    const test = STRING_TESTS.get(key);
    const argConstant = a0 === undefined ? undefined : constantOf(a0)?.value;
    if (test !== undefined && target !== undefined && typeof argConstant === "string") {
      const fn = this.embed(test);
      const s = this.value(target, scope);
      const lit = literal(argConstant);
      this.emit(
        `${t} = typeof ${s} === "string" ? ${fn}(${s}, ${lit}) : X.isError(${s}) ? ${s} : ${d}(${s}, [${lit}]);`,
      );
      return t;
    }
    const all = target === undefined ? args : [target, ...args];
    const op = BINARY_OPS.get(key) ?? UNARY_OPS.get(key);
    if (op !== undefined) {
      const fn = this.embed(op);
      this.inOrder(all, scope, t, (values) => {
        this.emit(`${t} = ${fn}(${values.join(", ")});`);
        this.emit(`if (${t} === undefined) ${t} = ${fallback(values)};`);
      });
      return t;
    }
    if (key === ".matches/1" || key === "matches/2") return this.assign(this.fallback(e, scope));
    this.inOrder(all, scope, t, (values) => this.emit(`${t} = ${fallback(values)};`));
    return t;
  }

  private list(l: Node<"listExpr">, scope: Scope): string {
    const constant = constantList(l);
    if (constant !== undefined) return this.embed(constant);
    const t = this.temp();
    this.inOrder(l.elements, scope, t, (values) => this.emit(`${t} = X.makeList([${values.join(", ")}]);`));
    return t;
  }

  private comprehension(e: Expr, comp: Node<"comprehensionExpr">, scope: Scope): string {
    const { iterRange, accuInit, result } = comp;
    if (isBinding(comp) && accuInit !== undefined && result !== undefined) {
      const t = this.temp();
      const init = this.value(accuInit, scope);
      const slot = this.c.newSlot();
      this.emit(`if (X.isError(${init})) ${t} = ${init}; else {`);
      this.emit(`S[${slot}] = ${init};`);
      this.emit(`${t} = ${this.value(result, new Map(scope).set(comp.accuVar, slot))};`);
      this.emit("}");
      return t;
    }
    const macro = recognizeMacro(comp);
    if (iterRange === undefined || macro === undefined || macroMentionsAccu(macro, comp.accuVar))
      return this.assign(this.fallback(e, scope));
    const t = this.temp();
    const n = this.temps;
    const items = `i${n}`;
    const d = `d${n}`;
    const acc = `a${n}`;
    const i = `j${n}`;
    const inTime = this.embed(dispatcher(this.c.env, INTERNAL.inTime, false, 2, Number(e.id)));
    const range = this.value(iterRange, scope);
    this.emit(`if (X.isError(${range})) ${t} = ${range}; else {`);
    this.emit(`const ${items} = X.rangeItems(${range});`);
    this.emit(`if (${items} === undefined) ${t} = X.notIterable(${range}); else {`);
    const deadline = this.value(macro.deadline, scope);
    this.emit(`const ${d} = ${deadline};`);
    const iter = this.c.newSlot();
    const inner = new Map(scope).set(comp.iterVar, iter);
    // The deadline's verdict, when it ends the loop, is the result.
    const late = `l${n}`;
    this.emit(`let ${late};`);
    const checkDeadline = (cond: string): void => {
      this.emit(`if (${d} !== Infinity && (${i} & ${DEADLINE_STRIDE_MASK}) === 0) {`);
      this.emit(`${late} = X.pastDeadline(${d}, ${cond}, ${inTime});`);
      this.emit(`if (${late} !== undefined) break;`);
      this.emit("}");
    };
    switch (macro.kind) {
      case "all":
      case "exists": {
        const decisive = String(macro.kind === "exists");
        const other = String(macro.kind !== "exists");
        this.emit(`let ${acc} = ${other};`);
        this.emit(`for (let ${i} = 0; ${i} < ${items}.length; ${i}++) {`);
        checkDeadline(`${acc} !== ${decisive}`);
        this.emit(`if (${acc} === ${decisive}) break;`);
        this.emit(`S[${iter}] = ${items}[${i}] ?? null;`);
        const p = this.value(macro.predicate, inner);
        this.emit(`if (${p} === ${decisive}) ${acc} = ${decisive};`);
        this.emit(
          `else if (${acc} === ${other} && ${p} !== ${other}) ${acc} = X.isError(${p}) ? ${p} : X.notBool(${p});`,
        );
        this.emit("}");
        this.emit(`${t} = ${late} !== undefined ? ${late} : ${acc};`);
        break;
      }
      case "existsOne": {
        this.emit(`let ${acc} = 0n;`);
        this.emit(`for (let ${i} = 0; ${i} < ${items}.length; ${i}++) {`);
        checkDeadline("true");
        this.emit(`S[${iter}] = ${items}[${i}] ?? null;`);
        const p = this.value(macro.predicate, inner);
        this.emit(`if (${p} === true) { if (typeof ${acc} === "bigint") ${acc}++; }`);
        this.emit(`else if (${p} !== false) ${acc} = X.isError(${p}) ? ${p} : X.conditionNotBool(${p});`);
        this.emit("}");
        this.emit(
          `${t} = ${late} !== undefined ? ${late} : typeof ${acc} === "bigint" ? ${acc} === 1n : ${acc};`,
        );
        break;
      }
      case "map": {
        const out = `o${n}`;
        this.emit(`const ${out} = [];`);
        this.emit(`let ${acc};`);
        this.emit(`for (let ${i} = 0; ${i} < ${items}.length; ${i}++) {`);
        checkDeadline("true");
        this.emit(`S[${iter}] = ${items}[${i}] ?? null;`);
        if (macro.predicate !== undefined) {
          const p = this.value(macro.predicate, inner);
          this.emit(`if (${p} !== true) {`);
          this.emit(`if (${p} !== false) ${acc} = X.isError(${p}) ? ${p} : X.conditionNotBool(${p});`);
          this.emit("continue;");
          this.emit("}");
        }
        this.emit(`if (${acc} !== undefined) continue;`);
        const v = this.value(macro.element, inner);
        this.emit(`if (X.isError(${v})) ${acc} = ${v}; else ${out}.push(${v});`);
        this.emit("}");
        this.emit(
          `${t} = ${late} !== undefined ? ${late} : ${acc} !== undefined ? ${acc} : X.listOf(${out});`,
        );
        break;
      }
    }
    this.emit("}}");
    return t;
  }
}

/**
 * Generates the source of `function (activation)` for `expr`, with `c` making the closures it
 * falls back to; like the closures' runner, it never throws.
 */
export function celSource(expr: Expr, c: FallbackCompiler): CelSource {
  return new SourceGenerator(c).source(expr);
}
