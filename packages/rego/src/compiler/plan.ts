import type { Body, Expr, RefTerm, Term, VarTerm, With } from "../ast/nodes.js";
import { isWildcard } from "../ast/nodes.js";
import type { BuiltinRegistry } from "../builtins/registry.js";
import { CompileError, type CompileErrorCode } from "../errors.js";
import type { Location } from "../location.js";
import { makeObject, RegoSet, type Value } from "../value/value.js";
import type { FnTarget, IrBody, IrExpr, IrExprNode, IrTerm, IrWith } from "./ir.js";
import { BodyScope } from "./scope.js";

/** A name a module can use without declaring it: a rule of its package or an import alias. */
export interface GlobalName {
  readonly root: "data" | "input";
  readonly path: readonly string[];
}

/** What planning needs to know about the whole policy. */
export interface PlanContext {
  readonly globals: ReadonlyMap<string, GlobalName>;
  readonly builtins: BuiltinRegistry;
  /** Arity of the user function at a data path, or undefined when there is none. */
  readonly functionArity: (path: readonly string[]) => number | undefined;
  readonly errors: CompileError[];
  /** Rego v1 rules apply (deprecated builtins rejected, …). */
  readonly v1: boolean;
  /** Planning rule bodies (OPA's RewriteEquals applies) rather than a query. */
  readonly inRule?: boolean;
  /** What `rego.metadata.chain()` and `rego.metadata.rule()` return inside the rule being planned. */
  readonly metadata?: { readonly chain: Value; readonly rule: Value };
}

const METADATA_CALLS: Record<string, "chain" | "rule"> = {
  "rego.metadata.chain": "chain",
  "rego.metadata.rule": "rule",
};

const OPERATOR_NAMES = new Set(["eq", "assign"]);

/** Turns a body, in author order, into IR with resolved names and slots. */
export class Planner {
  constructor(private readonly ctx: PlanContext) {}

  /** Plans a body in `scope` (declaring its locals there first). */
  body(body: Body, scope: BodyScope): IrBody {
    this.declareLocals(body, scope, []);
    return this.exprs(body, scope);
  }

  /** Plans the expressions of a body in order. */
  exprs(body: Body, scope: BodyScope): IrExpr[] {
    return body.flatMap((e) => this.exprWithSupport(e, scope));
  }

  /**
   * Plans an expression; a negated one is preceded by the expressions OPA's RewriteExprTerms and
   * RewriteDynamicTerms generate: nested calls, and refs passed to calls, are evaluated before the
   * negation (so `not f(input.missing)` is undefined), while the refs of an equality stay inside
   * it (so `not input.missing == 1` is true in a rule).
   */
  private exprWithSupport(e: Expr, scope: BodyScope): IrExpr[] {
    const ir = this.expr(e, scope);
    if (!ir.negated) return [ir];
    const support: IrExpr[] = [];
    const gen = (t: IrTerm): IrTerm => {
      const slot = scope.slots.allocate("__neg");
      const v: IrTerm = { k: "var", slot, name: "__neg", loc: ir.loc };
      support.push({ node: { k: "unify", a: v, b: t }, negated: false, with: ir.with, loc: ir.loc });
      return v;
    };
    let node = ir.node;
    if (
      node.k === "call" &&
      this.ctx.inRule &&
      node.fn.name === "equal" &&
      node.out === undefined &&
      node.args.length === 2
    ) {
      node = { k: "unify", a: node.args[0] as IrTerm, b: node.args[1] as IrTerm };
    }
    switch (node.k) {
      case "call":
        node = { ...node, args: node.args.map((a) => pullDynamic(a, gen)) };
        break;
      case "unify":
        node = { k: "unify", a: pullInEquality(node.a, gen), b: pullInEquality(node.b, gen) };
        break;
      case "term":
        node = { k: "term", term: pullInEquality(node.term, gen) };
        break;
      default:
        break;
    }
    return [...support, { ...ir, node }];
  }

  /**
   * Declares the locals of a body before planning it: `:=` and `some` targets are declared;
   * other variables become unification locals unless an enclosing scope or a global has them.
   * `extra` are further terms in the same scope (rule heads).
   */
  declareLocals(body: Body, scope: BodyScope, extra: readonly Term[]): void {
    const declaredHere = new Set<string>();
    for (const e of body) {
      const n = e.node;
      if (n.kind === "some") for (const v of n.vars) declaredHere.add(v.name);
      else if (n.kind === "somein") {
        for (const v of [...patternVars(n.key), ...patternVars(n.value)]) declaredHere.add(v.name);
      } else if (n.kind === "call" && refName(n.op) === "assign" && n.args[0]) {
        for (const v of patternVars(n.args[0])) declaredHere.add(v.name);
      }
    }
    for (const name of declaredHere) scope.pending.add(name);
    const seen = (v: VarTerm): void => {
      if (isWildcard(v.name)) {
        if (scope.lookupOwn(v.name) === undefined) scope.declare(v.name, "unified");
        return;
      }
      if (declaredHere.has(v.name) || v.name === "input" || v.name === "data") return;
      if (scope.lookup(v.name) !== undefined) return;
      if (this.ctx.globals.has(v.name)) return;
      scope.declare(v.name, "unified");
    };
    for (const e of body) exprVars(e, seen);
    for (const t of extra) termVars(t, seen);
  }

  /** Declares a variable at its `:=` or `some`, from here on in this body. */
  private declare(scope: BodyScope, v: VarTerm): void {
    if (isWildcard(v.name)) {
      if (scope.lookupOwn(v.name) === undefined) scope.declare(v.name, "declared");
      return;
    }
    const own = scope.lookupOwn(v.name);
    if (own !== undefined) {
      this.error(
        "rego_compile_error",
        `var ${v.name} ${own.origin === "declared" ? "assigned" : "referenced"} above`,
        v.loc,
      );
      return;
    }
    scope.pending.delete(v.name);
    scope.declare(v.name, "declared");
  }

  expr(e: Expr, scope: BodyScope): IrExpr {
    const withs = e.with.map((w) => this.with(w, scope));
    return { node: this.exprNode(e, scope), negated: e.negated, with: withs, loc: e.loc };
  }

  private exprNode(e: Expr, scope: BodyScope): IrExprNode {
    const n = e.node;
    switch (n.kind) {
      case "term":
        return { k: "term", term: this.term(n.term, scope) };
      case "some":
        for (const v of n.vars) this.declare(scope, v);
        return { k: "nop" };
      case "somein": {
        const coll = this.term(n.collection, scope);
        for (const v of [...patternVars(n.key), ...patternVars(n.value)]) this.declare(scope, v);
        return {
          k: "somein",
          key: n.key ? this.term(n.key, scope) : undefined,
          value: this.term(n.value, scope),
          coll,
        };
      }
      case "every": {
        const lo = scope.slots.count;
        const inner = new BodyScope(scope.slots, scope);
        if (n.key) for (const v of patternVars(n.key)) inner.declare(v.name, "declared");
        for (const v of patternVars(n.value)) inner.declare(v.name, "declared");
        const key = n.key ? this.term(n.key, inner) : undefined;
        const value = this.term(n.value, inner);
        const domain = this.term(n.domain, scope);
        const body = this.body(n.body, inner);
        return { k: "every", key, value, domain, body, lo, hi: scope.slots.count };
      }
      case "call": {
        const name = refName(n.op);
        if (name !== undefined && OPERATOR_NAMES.has(name)) {
          const [a, b] = n.args;
          if (a === undefined || b === undefined || n.args.length !== 2) {
            this.error("rego_type_error", `${name}: arity mismatch`, e.loc);
            return { k: "nop" };
          }
          if (name === "assign") {
            this.checkAssignTarget(a);
            const rhs = this.term(b, scope);
            for (const v of patternVars(a)) this.declare(scope, v);
            return { k: "unify", a: this.term(a, scope), b: rhs };
          }
          return { k: "unify", a: this.term(a, scope), b: this.term(b, scope) };
        }
        const meta = this.metadataCall(n.op, n.args.length);
        if (meta !== undefined && n.args.length === 1 && n.args[0]) {
          return { k: "unify", a: this.term(n.args[0], scope), b: meta };
        }
        if (meta !== undefined && n.args.length === 0) return { k: "term", term: meta };
        const fn = this.fnTarget(n.op, scope, n.args.length);
        if (fn === undefined) return { k: "nop" };
        const args = n.args.map((a) => this.term(a, scope));
        if (fn.builtin?.decl.variadic) return { k: "call", fn, args, out: undefined };
        if (args.length === fn.arity + 1) {
          return { k: "call", fn, args: args.slice(0, fn.arity), out: args[fn.arity] };
        }
        if (args.length !== fn.arity) this.arityError(fn, args.length, e.loc);
        return { k: "call", fn, args, out: undefined };
      }
    }
  }

  private checkAssignTarget(t: Term): void {
    switch (t.type) {
      case "var":
        if (t.name === "input" || t.name === "data")
          this.error("rego_compile_error", `cannot assign to ${t.name}`, t.loc);
        break;
      case "array":
        for (const x of t.items) this.checkAssignTarget(x);
        break;
      case "object":
        for (const [, x] of t.entries) this.checkAssignTarget(x);
        break;
      case "ref":
      case "call":
      case "set":
        this.error("rego_compile_error", `cannot assign to ${t.type}`, t.loc);
        break;
      case "arraycomp":
      case "setcomp":
      case "objectcomp":
        this.error("rego_compile_error", "cannot assign to comprehension", t.loc);
        break;
      default:
        break;
    }
  }

  private arityError(fn: FnTarget, got: number, loc: Location): void {
    this.error(
      "rego_type_error",
      `${fn.name}: arity mismatch\n\thave: ${got} argument(s)\n\twant: ${fn.arity}`,
      loc,
    );
  }

  private with(w: With, scope: BodyScope): IrWith {
    const target = this.withTarget(w, scope);
    if (target.kind === "function") return this.functionWith(target.name, w, scope);
    return { target, value: this.term(w.value, scope), replacement: undefined, loc: w.loc };
  }

  private withTarget(w: With, scope: BodyScope): IrWith["target"] {
    const head = w.target.terms[0];
    const rest: string[] = [];
    for (const t of w.target.terms.slice(1)) {
      if (t.type === "scalar" && typeof t.value === "string") rest.push(t.value);
      else
        this.error(
          "rego_compile_error",
          "with keyword target must reference existing input, data, or a function",
          w.loc,
        );
    }
    if (head?.type !== "var" || scope.lookup(head.name) !== undefined) {
      this.error(
        "rego_compile_error",
        "with keyword target must reference existing input, data, or a function",
        w.loc,
      );
      return { kind: "input", path: [] };
    }
    let root: "input" | "data" | undefined;
    let path: string[] = rest;
    if (head.name === "input" || head.name === "data") root = head.name;
    else {
      const g = this.ctx.globals.get(head.name);
      if (g !== undefined) {
        root = g.root;
        path = [...g.path, ...rest];
      }
    }
    if (root === "input") return { kind: "input", path };
    if (root === "data") {
      if (this.ctx.functionArity(path) !== undefined)
        return { kind: "function", name: `data.${path.join(".")}` };
      return { kind: "data", path };
    }
    const name = [head.name, ...rest].join(".");
    if (this.ctx.builtins.has(name)) return { kind: "function", name };
    this.error(
      "rego_compile_error",
      "with keyword target must reference existing input, data, or a function",
      w.loc,
    );
    return { kind: "input", path: [] };
  }

  private functionWith(name: string, w: With, scope: BodyScope): IrWith {
    if (w.value.type === "var" || w.value.type === "ref") {
      const ref: RefTerm =
        w.value.type === "ref" ? w.value : { type: "ref", terms: [w.value], loc: w.value.loc };
      const head = ref.terms[0];
      const isLocal = head?.type === "var" && scope.lookup(head.name) !== undefined;
      const replacement = isLocal ? undefined : this.fnTarget(ref, scope, -1, true);
      if (replacement !== undefined) {
        return {
          target: { kind: "function", name },
          value: { k: "const", v: null },
          replacement,
          loc: w.loc,
        };
      }
    }
    return {
      target: { kind: "function", name },
      value: this.term(w.value, scope),
      replacement: undefined,
      loc: w.loc,
    };
  }

  /** `rego.metadata.*()` inside a rule: the value the compiler worked out for it. */
  private metadataCall(op: RefTerm, argc: number): IrTerm | undefined {
    const name = refName(op);
    const which = name === undefined ? undefined : METADATA_CALLS[name];
    if (which === undefined || this.ctx.metadata === undefined || argc > 1) return undefined;
    return { k: "const", v: this.ctx.metadata[which] };
  }

  /** Resolves the function a call names; reports an error and returns undefined when there is none. */
  fnTarget(op: RefTerm, scope: BodyScope, argc: number, quiet = false): FnTarget | undefined {
    const parts: string[] = [];
    for (const t of op.terms) {
      if (t.type === "var" && parts.length === 0) parts.push(t.name);
      else if (t.type === "scalar" && typeof t.value === "string") parts.push(t.value);
      else {
        if (!quiet) this.error("rego_type_error", "invalid function reference", op.loc);
        return undefined;
      }
    }
    const head = parts[0] ?? "";
    let dataPath: string[] | undefined;
    if (head === "data" && scope.lookup("data") === undefined) dataPath = parts.slice(1);
    else {
      const g = this.ctx.globals.get(head);
      if (g !== undefined && g.root === "data" && scope.lookup(head) === undefined)
        dataPath = [...g.path, ...parts.slice(1)];
    }
    if (dataPath !== undefined) {
      const arity = this.ctx.functionArity(dataPath);
      if (arity !== undefined)
        return { name: `data.${dataPath.join(".")}`, builtin: undefined, path: dataPath, arity };
    }
    const name = parts.join(".");
    const def = this.ctx.builtins.get(name);
    if (def !== undefined) {
      if (this.ctx.v1 && def.decl.deprecated && !quiet) {
        this.error("rego_type_error", `deprecated built-in function calls in expression: ${name}`, op.loc);
      }
      return { name, builtin: def, path: undefined, arity: def.decl.args.length };
    }
    if (!quiet) {
      const shown = dataPath !== undefined ? `data.${dataPath.join(".")}` : name;
      this.error("rego_type_error", `undefined function ${shown}`, op.loc);
    }
    void argc;
    return undefined;
  }

  /** Plans a term in `scope`. */
  term(t: Term, scope: BodyScope): IrTerm {
    switch (t.type) {
      case "scalar":
        return { k: "const", v: t.value };
      case "var":
        return this.varTerm(t, scope);
      case "ref":
        return this.ref(t, scope);
      case "array":
        return this.collection(
          "array",
          t.items.map((x) => this.term(x, scope)),
        );
      case "set":
        return this.collection(
          "set",
          t.items.map((x) => this.term(x, scope)),
        );
      case "object": {
        const entries = t.entries.map(([k, v]) => [this.term(k, scope), this.term(v, scope)] as const);
        if (entries.every(([k, v]) => k.k === "const" && v.k === "const")) {
          return {
            k: "const",
            v: makeObject(entries.map(([k, v]) => [(k as { v: Value }).v, (v as { v: Value }).v])),
          };
        }
        return { k: "object", entries };
      }
      case "arraycomp": {
        const lo = scope.slots.count;
        const inner = new BodyScope(scope.slots, scope);
        this.declareLocals(t.body, inner, [t.head]);
        const body = this.exprs(t.body, inner);
        return { k: "arraycomp", head: this.term(t.head, inner), body, lo, hi: scope.slots.count };
      }
      case "setcomp": {
        const lo = scope.slots.count;
        const inner = new BodyScope(scope.slots, scope);
        this.declareLocals(t.body, inner, [t.head]);
        const body = this.exprs(t.body, inner);
        return { k: "setcomp", head: this.term(t.head, inner), body, lo, hi: scope.slots.count };
      }
      case "objectcomp": {
        const lo = scope.slots.count;
        const inner = new BodyScope(scope.slots, scope);
        this.declareLocals(t.body, inner, [t.key, t.value]);
        const body = this.exprs(t.body, inner);
        return {
          k: "objectcomp",
          key: this.term(t.key, inner),
          value: this.term(t.value, inner),
          body,
          lo,
          hi: scope.slots.count,
        };
      }
      case "call": {
        const meta = t.args.length === 0 ? this.metadataCall(t.op, 0) : undefined;
        if (meta !== undefined) return meta;
        const fn = this.fnTarget(t.op, scope, t.args.length);
        const args = t.args.map((a) => this.term(a, scope));
        if (fn === undefined) return { k: "const", v: null };
        if (!fn.builtin?.decl.variadic && args.length !== fn.arity) this.arityError(fn, args.length, t.loc);
        return { k: "call", fn, args, loc: t.loc };
      }
      case "template":
        return {
          k: "template",
          parts: t.parts.map((p) => {
            if (typeof p === "string") return p;
            if (!("node" in p)) return this.term(p, scope);
            const inner = p.node.kind === "term" ? this.term(p.node.term, scope) : this.exprAsTerm(p, scope);
            return {
              k: "withterm",
              term: inner,
              with: p.with.map((w) => this.with(w, scope)),
              loc: p.loc,
            } as const;
          }),
          loc: t.loc,
        };
    }
  }

  /** A call expression used for its value (inside a template string). */
  private exprAsTerm(e: Expr, scope: BodyScope): IrTerm {
    const n = e.node;
    if (n.kind !== "call") return { k: "const", v: null };
    const fn = this.fnTarget(n.op, scope, n.args.length);
    if (fn === undefined) return { k: "const", v: null };
    return { k: "call", fn, args: n.args.map((a) => this.term(a, scope)), loc: e.loc };
  }

  /** Collections of constants are folded into constants, built once at compile time. */
  private collection(k: "array" | "set", items: IrTerm[]): IrTerm {
    if (items.every((i) => i.k === "const")) {
      const values = items.map((i) => (i as { v: Value }).v);
      return { k: "const", v: k === "array" ? values : new RegoSet(values) };
    }
    return k === "array" ? { k: "array", items } : { k: "set", items };
  }

  private varTerm(v: VarTerm, scope: BodyScope): IrTerm {
    const slot = scope.lookup(v.name);
    if (slot !== undefined) return { k: "var", slot, name: v.name, loc: v.loc };
    if (v.name === "input") return { k: "input", loc: v.loc };
    if (v.name === "data") return { k: "data", loc: v.loc };
    const g = this.ctx.globals.get(v.name);
    if (g !== undefined) return globalRef(g, [], v.loc);
    return { k: "var", slot: scope.declare(v.name, "unified"), name: v.name, loc: v.loc };
  }

  private ref(r: RefTerm, scope: BodyScope): IrTerm {
    const [head, ...rest] = r.terms;
    if (head === undefined) return { k: "const", v: null };
    const ops = rest.map((x) => this.term(x, scope));
    if (head.type === "var") {
      const slot = scope.lookup(head.name);
      if (slot === undefined) {
        if (head.name === "input") return { k: "ref", base: { k: "input", loc: head.loc }, ops, loc: r.loc };
        if (head.name === "data") return { k: "ref", base: { k: "data", loc: head.loc }, ops, loc: r.loc };
        const g = this.ctx.globals.get(head.name);
        if (g !== undefined) return globalRef(g, ops, r.loc);
      }
    }
    return { k: "ref", base: this.term(head, scope), ops, loc: r.loc };
  }

  private error(code: CompileErrorCode, message: string, loc: Location): void {
    this.ctx.errors.push(new CompileError(code, message, loc));
  }
}

/** OPA's rewriteDynamicsOne: refs, calls and comprehensions become generated variables. */
function pullDynamic(t: IrTerm, gen: (t: IrTerm) => IrTerm): IrTerm {
  switch (t.k) {
    case "ref":
      return gen({ ...t, ops: t.ops.map((o) => pullOperand(o, gen)) });
    case "input":
    case "data":
      return gen(t);
    case "call":
      return gen({ ...t, args: t.args.map((a) => pullDynamic(a, gen)) });
    case "arraycomp":
    case "setcomp":
    case "objectcomp":
      return gen(t);
    case "array":
      return { ...t, items: t.items.map((i) => pullDynamic(i, gen)) };
    case "set":
      return { ...t, items: t.items.map((i) => pullDynamic(i, gen)) };
    case "object":
      return {
        ...t,
        entries: t.entries.map(([k, v]) => [pullDynamic(k, gen), pullDynamic(v, gen)] as const),
      };
    default:
      return t;
  }
}

/** Operands of a ref: dynamic ones are pulled, variables and constants stay. */
function pullOperand(o: IrTerm, gen: (t: IrTerm) => IrTerm): IrTerm {
  return o.k === "var" || o.k === "const" ? o : pullDynamic(o, gen);
}

/** OPA's rewriteDynamicsInTerm (equalities and term expressions): a ref stays, its dynamic operands go. */
function pullInEquality(t: IrTerm, gen: (t: IrTerm) => IrTerm): IrTerm {
  switch (t.k) {
    case "ref":
      return { ...t, ops: t.ops.map((o) => pullOperand(o, gen)) };
    case "input":
    case "data":
    case "arraycomp":
    case "setcomp":
    case "objectcomp":
      return t;
    default:
      return pullDynamic(t, gen);
  }
}

function globalRef(g: GlobalName, ops: readonly IrTerm[], loc: Location): IrTerm {
  const base: IrTerm = g.root === "input" ? { k: "input", loc } : { k: "data", loc };
  const path: IrTerm[] = g.path.map((s) => ({ k: "const", v: s }));
  return { k: "ref", base, ops: [...path, ...ops], loc };
}

/** `a.b.c` as a dotted name when the ref is all var-then-strings. */
export function refName(r: RefTerm): string | undefined {
  const parts: string[] = [];
  for (const t of r.terms) {
    if (t.type === "var" && parts.length === 0) parts.push(t.name);
    else if (t.type === "scalar" && typeof t.value === "string") parts.push(t.value);
    else return undefined;
  }
  return parts.join(".");
}

/** Variables in a pattern (the targets of `:=`, `some … in`). */
export function patternVars(t: Term | undefined): VarTerm[] {
  if (t === undefined) return [];
  switch (t.type) {
    case "var":
      return [t];
    case "array":
      return t.items.flatMap(patternVars);
    case "object":
      return t.entries.flatMap(([, v]) => patternVars(v));
    default:
      return [];
  }
}

/** Calls `f` for every variable of an expression outside nested bodies. */
export function exprVars(e: Expr, f: (v: VarTerm) => void): void {
  const n = e.node;
  switch (n.kind) {
    case "term":
      termVars(n.term, f);
      break;
    case "call":
      for (const a of n.args) termVars(a, f);
      break;
    case "some":
      break;
    case "somein":
      if (n.key) termVars(n.key, f);
      termVars(n.value, f);
      termVars(n.collection, f);
      break;
    case "every":
      termVars(n.domain, f);
      break;
  }
  for (const w of e.with) if (w.value.type !== "var" && w.value.type !== "ref") termVars(w.value, f);
}

/** Calls `f` for every variable of a term outside nested comprehension bodies. */
export function termVars(t: Term, f: (v: VarTerm) => void): void {
  switch (t.type) {
    case "var":
      f(t);
      return;
    case "ref":
      for (const x of t.terms) termVars(x, f);
      return;
    case "array":
    case "set":
      for (const x of t.items) termVars(x, f);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        termVars(k, f);
        termVars(v, f);
      }
      return;
    case "call":
      for (const a of t.args) termVars(a, f);
      return;
    case "template":
      for (const p of t.parts) {
        if (typeof p === "string") continue;
        if ("node" in p) exprVars(p, f);
        else termVars(p, f);
      }
      return;
    default:
      return;
  }
}
