import type { DocNode, FnTarget, IrBody, IrExpr, IrRule, IrTerm } from "../compiler/ir.js";
import { RegoEvalError } from "../errors.js";
import type { Location } from "../location.js";
import { formatValue } from "../value/format.js";
import {
  isArray,
  isObject,
  isPlainObject,
  ObjectBuilder,
  objectEntries,
  objectGet,
  objectSize,
  ownValue,
  RegoSet,
  sortedKeys,
  type Value,
  valuesEqual,
} from "../value/value.js";
import { builtinFailure } from "./builtin-failure.js";
import { CallCache, QUERY_ENTRIES } from "./call-cache.js";
import { type CallSite, termFn } from "./direct.js";
import { QueryState } from "./documents.js";
import {
  type Cached,
  COMPLEX,
  type Frame,
  FUNCTION_CONFLICT,
  freshCaches,
  type K,
  NO_FN_OVERRIDES,
  NO_K,
  NONE,
  type VK,
} from "./eval-types.js";
import {
  acrossQueries,
  bindArguments,
  candidatePlans,
  type FunctionPlan,
  type FunctionRulePlan,
  functionPlan,
  worthCaching,
} from "./function-plan.js";
import { lookup } from "./lookup.js";
import { isPureFunction } from "./purity.js";
import { ArraySink, NO_SINK, SetSink, SingleValueSink, type Sink } from "./sinks.js";
import { type ComprehensionTerm, comprehensionShape, keptComprehensions } from "./stable-input.js";
import { bodyInto, bodyStep, type Step, type StepHost } from "./steps.js";
import { tracedBodyInto, tracedBodyStep } from "./traced-steps.js";
import { withoutModifiers } from "./without-modifiers.js";

/** The function each user-function call site calls, resolved on first call (null: none there). */
const functionPlans = new WeakMap<FnTarget, FunctionPlan | null>();

/** True when every value is a scalar: results keyed by them can be kept across queries. */
function allScalars(args: readonly Value[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a !== null && typeof a === "object") return false;
  }
  return true;
}

export type { EvalOptions, Frame } from "./eval-types.js";
export { lookup } from "./lookup.js";

/**
 * One query evaluation: top-down, depth-first, continuation-passing over the compiled IR, with
 * virtual documents and function results cached for the query (OPA's topdown `eval`).
 */
export class Evaluation extends QueryState implements StepHost {
  /** Runs a body in `frame`, calling `k` for every solution until it returns true. */
  body(body: IrBody, frame: Frame, k: K): boolean {
    return (this.tracer === undefined ? bodyStep(body) : tracedBodyStep(body))(this, frame, k);
  }

  /** Runs a body as a query of its own (in a trace, one level down): `every`, object comprehensions. */
  private childBody(body: IrBody, frame: Frame, k: K): boolean {
    const t = this.tracer;
    return t === undefined ? this.body(body, frame, k) : t.child(() => this.body(body, frame, k));
  }

  protected runStep(step: Step, frame: Frame, k: K): boolean {
    return step(this, frame, k);
  }

  /** Runs one expression through the search, for shapes the compiled steps leave to it. */
  searchExpr(e: IrExpr, frame: Frame, k: K): boolean {
    return this.expr(e, frame, k);
  }

  /** The value a direct expression binds (see {@link DirectHost}). */
  directValue: Value = null;

  /** True while generated code must not run: `with` replaces some function, or the evaluation is traced. */
  overridden(): boolean {
    return this.fnOverrides.size > 0 || this.tracer !== undefined;
  }

  currentInput(): Value | undefined {
    return this.input;
  }

  dataRef(ops: readonly IrTerm[], frame: Frame): Value | undefined | typeof COMPLEX {
    return this.simpleData(ops, frame);
  }

  tick(loc: Location): void {
    if (++this.steps % 1024 === 0) this.checkCancel(loc);
  }

  callOnce(site: CallSite, args: Value[], loc: Location): Value | undefined {
    const fn = site.fn;
    if (this.fnOverrides.size === 0) {
      if (fn.builtin !== undefined) return this.builtinValue(fn, args, loc);
      let plan = site.plan;
      if (plan === undefined) {
        plan = this.functionPlan(fn);
        site.plan = plan;
      }
      const r = plan === null ? NONE : this.callPlan(plan, args);
      return r === NONE ? undefined : r;
    }
    let result: Value | undefined;
    this.call(fn, args, loc, (r) => {
      result = r;
      return true;
    });
    return result;
  }

  private expr(e: IrExpr, frame: Frame, k: K): boolean {
    if (++this.steps % 1024 === 0) this.checkCancel(e.loc);
    if (e.with.length > 0) return this.withModifiers(e, frame, k);
    return this.exprInner(e, frame, k);
  }

  private exprInner(e: IrExpr, frame: Frame, k: K): boolean {
    if (e.negated) {
      let found = false;
      this.node(e, frame, () => {
        found = true;
        return true;
      });
      return found ? false : k();
    }
    return this.node(e, frame, k);
  }

  private checkCancel(loc: Location | undefined): void {
    if (this.options.ctx.cancelled()) {
      throw new RegoEvalError("eval_cancel_error", "caller cancelled query execution", loc);
    }
  }

  private node(e: IrExpr, frame: Frame, k: K): boolean {
    const n = e.node;
    switch (n.k) {
      case "nop":
        return k();
      case "term":
        return this.complexTerm(n.term, frame, (v) => (v !== false ? k() : false));
      case "unify":
        if (n.a.k === "var" && frame[n.a.slot] === undefined) {
          const iterated = this.bindEach(n.a.slot, n.b, frame, k);
          if (iterated !== undefined) return iterated;
          // `direct` already found the right side not single-valued: go to continuations at once.
          if (this.canEval(n.b, frame))
            return this.complexTerm(n.b, frame, (v) => this.match(n.a, v, frame, k));
        }
        return this.unify(n.a, n.b, frame, k);
      case "call":
        if (n.fn.name === "print" && n.fn.builtin !== undefined) return this.print(n.args, frame, k);
        return this.args(n.args, 0, [], frame, (vals) =>
          this.call(n.fn, vals, e.loc, (r) => {
            if (n.out !== undefined) return this.match(n.out, r, frame, k);
            return r !== false ? k() : false;
          }),
        );
      case "somein":
        return this.term(n.coll, frame, (coll) =>
          this.iterate(coll, (key, value) => {
            if (n.key === undefined) return this.match(n.value, value, frame, k);
            return this.match(n.key, key, frame, () => this.match(n.value, value, frame, k));
          }),
        );
      case "every":
        return this.every(n, frame, k);
    }
  }

  private every(n: Extract<IrExpr["node"], { k: "every" }>, frame: Frame, k: K): boolean {
    let ok = true;
    let defined = false;
    this.term(n.domain, frame, (dom) => {
      if (!isArray(dom) && !isObject(dom) && !(dom instanceof RegoSet)) return true;
      defined = true;
      this.iterate(dom, (key, value) => {
        const match = (kk: K): boolean =>
          n.key === undefined
            ? this.match(n.value, value, frame, kk)
            : this.match(n.key, key, frame, () => this.match(n.value, value, frame, kk));
        let satisfied = false;
        match(() => {
          satisfied = this.childBody(n.body, frame, () => true);
          return true;
        });
        if (!satisfied) ok = false;
        return !ok;
      });
      return true;
    });
    return defined && ok ? k() : false;
  }

  /**
   * `x := coll[k]` with `x` and `k` unbound and `coll` a plain path (the commonest iteration in
   * policies): each member binds both slots straight away. Undefined when the term has another shape.
   */
  private bindEach(slot: number, t: IrTerm, frame: Frame, k: K): boolean | undefined {
    if (t.k !== "ref" || t.base.k === "data") return undefined;
    const ops = t.ops;
    const last = ops[ops.length - 1];
    if (last === undefined || last.k !== "var" || last.slot === slot || frame[last.slot] !== undefined)
      return undefined;
    let v = this.simple(t.base, frame);
    if (v === COMPLEX) return undefined;
    for (let i = 0; i < ops.length - 1; i++) {
      const op = ops[i] as IrTerm;
      const key = op.k === "const" ? op.v : op.k === "var" ? frame[op.slot] : undefined;
      if (key === undefined) return undefined;
      if (v === undefined) return false;
      v = lookup(v, key);
    }
    if (v === undefined) return false;
    const keySlot = last.slot;
    return this.iterate(v, (key, member) => {
      frame[keySlot] = key;
      frame[slot] = member;
      const r = k();
      frame[slot] = undefined;
      frame[keySlot] = undefined;
      return r;
    });
  }

  /** Iterates a collection: arrays by index, objects by key, sets by member (key = member). */
  private iterate(coll: Value, f: (key: Value, value: Value) => boolean): boolean {
    if (isArray(coll)) {
      for (let i = 0; i < coll.length; i++) {
        if (++this.steps % 1024 === 0) this.checkCancel(undefined);
        if (f(i, coll[i] as Value)) return true;
      }
      return false;
    }
    if (coll instanceof RegoSet) {
      for (const m of coll.values()) {
        if (++this.steps % 1024 === 0) this.checkCancel(undefined);
        if (f(m, m)) return true;
      }
      return false;
    }
    if (isPlainObject(coll)) {
      for (const key of sortedKeys(coll)) {
        if (++this.steps % 1024 === 0) this.checkCancel(undefined);
        if (f(key, coll[key] as Value)) return true;
      }
      return false;
    }
    if (isObject(coll)) {
      for (const [key, v] of objectEntries(coll)) {
        if (++this.steps % 1024 === 0) this.checkCancel(undefined);
        if (f(key, v)) return true;
      }
    }
    return false;
  }

  private print(args: readonly IrTerm[], frame: Frame, k: K): boolean {
    const parts: string[][] = args.map((a) => {
      const vals: string[] = [];
      this.term(a, frame, (v) => {
        vals.push(typeof v === "string" ? v : formatValue(v));
        return false;
      });
      return vals.length === 0 ? ["<undefined>"] : vals;
    });
    const emit = (i: number, acc: string[]): void => {
      if (i === parts.length) {
        this.options.ctx.print(acc.join(" "));
        return;
      }
      for (const p of parts[i] as string[]) emit(i + 1, [...acc, p]);
    };
    emit(0, []);
    return k();
  }

  protected args(
    terms: readonly IrTerm[],
    i: number,
    acc: Value[],
    frame: Frame,
    k: (vals: Value[]) => boolean,
  ): boolean {
    if (i === terms.length) return this.deferredArgs(terms, 0, acc, frame, k);
    const t = terms[i] as IrTerm;
    if (t.k === "var" && frame[t.slot] === undefined) return this.args(terms, i + 1, acc, frame, k);
    const direct = this.simple(t, frame);
    if (direct !== COMPLEX) {
      if (direct === undefined) return false;
      acc[i] = direct;
      return this.args(terms, i + 1, acc, frame, k);
    }
    return this.term(t, frame, (v) => {
      acc[i] = v;
      return this.args(terms, i + 1, acc, frame, k);
    });
  }

  /** Arguments that are variables bound only by later arguments (`x == input.xs[x]`). */
  private deferredArgs(
    terms: readonly IrTerm[],
    i: number,
    acc: Value[],
    frame: Frame,
    k: (vals: Value[]) => boolean,
  ): boolean {
    for (; i < terms.length; i++) {
      const t = terms[i] as IrTerm;
      if (t.k === "var") {
        const v = frame[t.slot];
        if (v === undefined) return false;
        acc[i] = v;
      }
    }
    return k(acc);
  }

  // ---- calls ----

  private call(fn: FnTarget, args: Value[], loc: Location, vk: VK): boolean {
    if (this.fnOverrides.size > 0) {
      const o = this.fnOverrides.get(fn.name);
      if (o !== undefined) {
        if ("value" in o) return vk(o.value);
        if (o.fn !== fn) return this.withoutMocks(() => this.call(o.fn, args, loc, vk));
      }
    }
    if (fn.builtin !== undefined) return this.callBuiltin(fn, args, loc, vk);
    const r = this.callUser(fn, args);
    return r === NONE ? false : vk(r);
  }

  private withoutMocks(f: () => boolean): boolean {
    const saved = this.fnOverrides;
    const savedCaches = this.caches;
    this.fnOverrides = NO_FN_OVERRIDES;
    this.caches = freshCaches(this.policy);
    try {
      return f();
    } finally {
      this.fnOverrides = saved;
      this.caches = savedCaches;
    }
  }

  private callBuiltin(fn: FnTarget, args: Value[], loc: Location, vk: VK): boolean {
    const r = this.builtinValue(fn, args, loc);
    if (r === undefined) return false;
    if (fn.builtin?.decl.relation && isArray(r)) {
      for (const x of r) if (vk(x)) return true;
      return false;
    }
    return vk(r);
  }

  /** A builtin's result (all values of a relation, as an array); undefined when it has none. */
  private builtinValue(fn: FnTarget, args: Value[], loc: Location): Value | undefined {
    const def = fn.builtin;
    if (def === undefined) return undefined;
    try {
      return def.impl(
        args.length === fn.arity || fn.arity === 0 ? args : args.slice(0, fn.arity),
        this.options.ctx,
      );
    } catch (e: unknown) {
      const failure = builtinFailure(e, fn.name, loc, this.options.ctx.strict);
      if (failure !== undefined) throw failure;
      return undefined;
    }
  }

  private callUser(fn: FnTarget, args: Value[]): Cached {
    const plan = this.functionPlan(fn);
    return plan === null ? NONE : this.callPlan(plan, args);
  }

  /** The user function a call calls (null: none is defined there). */
  functionPlan(fn: FnTarget): FunctionPlan | null {
    let plan = functionPlans.get(fn);
    if (plan === undefined) {
      let node: DocNode | undefined = this.policy.root;
      for (const s of fn.path ?? []) node = node?.children.get(s);
      plan = node === undefined ? null : functionPlan(node);
      functionPlans.set(fn, plan);
    }
    return plan;
  }

  /** Calls the function defined at `node`; results are cached per query by argument values. */
  protected callFunctionAt(node: DocNode, args: Value[]): Cached {
    const plan = functionPlan(node);
    return plan === null ? NONE : this.callPlan(plan, args);
  }

  private callPlan(plan: FunctionPlan, args: Value[]): Cached {
    let across = plan.acrossQueries;
    if (across === undefined) {
      across = isPureFunction(plan.node, this.policy.root) ? acrossQueries() : null;
      plan.acrossQueries = across;
    }
    if (across !== null && !this.overridden() && allScalars(args)) {
      const kept = this.options.ctx.strict ? across.strict : across.lenient;
      const hit = kept.get(args);
      if (hit !== undefined) return hit;
      const result = this.runPlan(plan, args);
      kept.set(args, result);
      return result;
    }
    let cache: CallCache | undefined;
    if (worthCaching(plan)) {
      plan.stats.calls++;
      cache = this.queryCache(plan);
      const hit = cache.get(args);
      if (hit !== undefined) {
        plan.stats.hits++;
        return hit;
      }
    }
    const result = this.runPlan(plan, args);
    cache?.set(args, result);
    return result;
  }

  /**
   * The plan's result cache for this query (and `with` scope). The plan remembers the last one it
   * handed out with its owner, so repeated calls skip the map.
   */
  private queryCache(plan: FunctionPlan): CallCache {
    let fns = this.caches.fns;
    if (fns === undefined) {
      fns = new Map();
      this.caches.fns = fns;
    }
    const last = plan.lastCache;
    if (last !== undefined && last.owner === fns) return last.cache;
    let cache = fns.get(plan.node);
    if (cache === undefined) {
      cache = new CallCache(plan.prints ? Number.POSITIVE_INFINITY : QUERY_ENTRIES);
      fns.set(plan.node, cache);
    }
    plan.lastCache = { owner: fns, cache };
    return cache;
  }

  private runPlan(plan: FunctionPlan, args: Value[]): Cached {
    let result: Cached = NONE;
    for (const p of candidatePlans(plan, args)) {
      const v = this.evalFunctionRule(p, args);
      if (v === NONE) continue;
      if (result !== NONE && !valuesEqual(result, v)) {
        throw new RegoEvalError("eval_conflict_error", FUNCTION_CONFLICT, p.rule.loc);
      }
      result = v;
    }
    if (result === NONE && plan.defaultPlan !== undefined)
      result = this.evalFunctionRule(plan.defaultPlan, args);
    return result;
  }

  private evalFunctionRule(p: FunctionRulePlan, args: Value[]): Cached {
    let frame: Frame = new Array(p.slots);
    let result: Cached = NONE;
    const direct = this.tracer === undefined ? p.direct : null;
    if (direct !== null) {
      const v = bindArguments(p, args, frame) ? direct(this, frame) : undefined;
      if (v !== COMPLEX) {
        if (v !== undefined || p.elsePlan === undefined) return v ?? NONE;
        return this.evalFunctionRule(p.elsePlan, args);
      }
      p.direct = null;
      frame = new Array(p.slots);
    }
    if (!p.patterned) {
      if (bindArguments(p, args, frame))
        result = this.singleValue(p.rule, frame, FUNCTION_CONFLICT, NONE, p.step);
    } else {
      this.matchArgs(p.rule.args, args, 0, frame, () => {
        result = this.singleValue(p.rule, frame, FUNCTION_CONFLICT, result);
        return false;
      });
    }
    if (result === NONE && p.elsePlan !== undefined) return this.evalFunctionRule(p.elsePlan, args);
    return result;
  }

  /**
   * Runs a rule body and evaluates its value for every solution; more than one distinct value is
   * `eval_conflict_error` with `conflict` as message. `prior` is a value found before (else chains
   * and pattern-matched arguments accumulate across calls).
   */
  protected singleValue(
    rule: IrRule,
    frame: Frame,
    conflict: string,
    prior: Cached = NONE,
    step: Step = bodyInto(rule.body, rule.value),
  ): Cached {
    // A constant value cannot conflict with itself: the first solution is enough (OPA's early exit).
    const sink = new SingleValueSink(prior, conflict, rule.loc, rule.value.k === "const");
    if (this.tracer === undefined) this.collect(step, frame, sink);
    else this.collectRule(this.tracer, rule, frame, sink);
    return sink.value;
  }

  /** Runs a body compiled {@link bodyInto} a sink, with that sink current. */
  protected collect(step: Step, frame: Frame, sink: Sink): void {
    const saved = this.sink;
    this.sink = sink;
    try {
      step(this, frame, NO_K);
    } finally {
      this.sink = saved;
    }
  }

  /** Where the body running now delivers its values. */
  sink: Sink = NO_SINK;

  /** The value of an array or set comprehension. */
  comprehension(t: ComprehensionTerm, frame: Frame): Value {
    const key = this.options.stableInput;
    if (key === undefined || this.overridden()) return this.collectComprehension(t, frame);
    const input = this.input;
    const stable = input !== undefined && isPlainObject(input) ? ownValue(input, key) : undefined;
    if (stable === undefined || stable === null || typeof stable !== "object")
      return this.collectComprehension(t, frame);
    const shape = comprehensionShape(t, key, this.policy.root);
    if (!shape.stable) return this.collectComprehension(t, frame);
    for (const s of shape.slots) if (frame[s] !== undefined) return this.collectComprehension(t, frame);
    const kept = keptComprehensions(stable, this.options.ctx.strict);
    let v = kept.get(t);
    if (v === undefined) {
      v = this.collectComprehension(t, frame);
      kept.set(t, v);
    }
    return v;
  }

  private collectComprehension(t: ComprehensionTerm, frame: Frame): Value {
    const tracer = this.tracer;
    if (tracer !== undefined) {
      const sink = t.k === "arraycomp" ? new ArraySink() : new SetSink();
      tracer.child(() => this.collect(tracedBodyInto(t.body, t.head), frame, sink));
      return sink.out;
    }
    if (t.k === "arraycomp") {
      const sink = new ArraySink();
      this.collect(bodyInto(t.body, t.head), frame, sink);
      return sink.out;
    }
    const sink = new SetSink();
    this.collect(bodyInto(t.body, t.head), frame, sink);
    return sink.out;
  }

  private matchArgs(pats: readonly IrTerm[], args: Value[], i: number, frame: Frame, k: K): boolean {
    if (i === pats.length) return k();
    return this.match(pats[i] as IrTerm, args[i] as Value, frame, () =>
      this.matchArgs(pats, args, i + 1, frame, k),
    );
  }

  // ---- unification ----

  private unify(a: IrTerm, b: IrTerm, frame: Frame, k: K): boolean {
    if (this.canEval(a, frame)) return this.term(a, frame, (va) => this.match(b, va, frame, k));
    if (this.canEval(b, frame)) return this.term(b, frame, (vb) => this.match(a, vb, frame, k));
    if (a.k === "array" && b.k === "array") {
      if (a.items.length !== b.items.length) return false;
      const step = (i: number): boolean =>
        i === a.items.length
          ? k()
          : this.unify(a.items[i] as IrTerm, b.items[i] as IrTerm, frame, () => step(i + 1));
      return step(0);
    }
    if (a.k === "object" && b.k === "object") {
      if (a.entries.length !== b.entries.length) return false;
      const step = (i: number): boolean => {
        if (i === a.entries.length) return k();
        const [ka, va] = a.entries[i] as readonly [IrTerm, IrTerm];
        return this.term(ka, frame, (key) => {
          const other = b.entries.find(([kb]) => kb.k === "const" && valuesEqual(kb.v, key));
          if (other === undefined) return false;
          return this.unify(va, other[1], frame, () => step(i + 1));
        });
      };
      return step(0);
    }
    return false;
  }

  /** True when a term can be evaluated now: every variable it needs is bound. */
  protected canEval(t: IrTerm, frame: Frame): boolean {
    switch (t.k) {
      case "const":
      case "input":
      case "data":
      case "arraycomp":
      case "setcomp":
      case "objectcomp":
        return true;
      case "var":
        return frame[t.slot] !== undefined;
      case "ref":
        if (!this.canEval(t.base, frame)) return false;
        for (const o of t.ops) if (o.k !== "var" && !this.canEval(o, frame)) return false;
        return true;
      case "array":
      case "set":
        return t.items.every((x) => this.canEval(x, frame));
      case "object":
        return t.entries.every(([x, y]) => this.canEval(x, frame) && this.canEval(y, frame));
      case "call":
        return t.args.every((x) => this.canEval(x, frame));
      case "template":
        return t.parts.every((p) => typeof p === "string" || this.canEval(p, frame));
      case "withterm":
        return this.canEval(t.term, frame);
    }
  }

  /** Matches a pattern term against a value, binding unbound variables. */
  protected match(t: IrTerm, v: Value, frame: Frame, k: K): boolean {
    switch (t.k) {
      case "var": {
        const cur = frame[t.slot];
        if (cur === undefined) {
          frame[t.slot] = v;
          const r = k();
          frame[t.slot] = undefined;
          return r;
        }
        return valuesEqual(cur, v) ? k() : false;
      }
      case "const":
        return valuesEqual(t.v, v) ? k() : false;
      case "array": {
        if (!isArray(v) || v.length !== t.items.length) return false;
        const step = (i: number): boolean =>
          i === t.items.length
            ? k()
            : this.match(t.items[i] as IrTerm, v[i] as Value, frame, () => step(i + 1));
        return step(0);
      }
      case "object": {
        if (!isObject(v) || objectSize(v) !== t.entries.length) return false;
        const step = (i: number): boolean => {
          if (i === t.entries.length) return k();
          const [kt, vt] = t.entries[i] as readonly [IrTerm, IrTerm];
          return this.term(kt, frame, (key) => {
            const x = objectGet(v, key);
            return x === undefined ? false : this.match(vt, x, frame, () => step(i + 1));
          });
        };
        return step(0);
      }
      default:
        return this.term(t, frame, (x) => (valuesEqual(x, v) ? k() : false));
    }
  }

  // ---- terms ----

  /** Evaluates a term, calling `vk` for each value it has. */
  term(t: IrTerm, frame: Frame, vk: VK): boolean {
    switch (t.k) {
      case "const":
        return vk(t.v);
      case "var": {
        const v = frame[t.slot];
        return v === undefined ? false : vk(v);
      }
      case "input":
        return this.input === undefined ? false : vk(this.input);
      case "data":
        return this.walkData(this.policy.root, this.baseData, [], t.k === "data" ? [] : [], 0, frame, vk);
      case "ref":
      case "array":
      case "set":
      case "object": {
        const v = this.simple(t, frame);
        if (v !== COMPLEX) return v === undefined ? false : vk(v);
        return this.complexTerm(t, frame, vk);
      }
      case "arraycomp":
      case "setcomp":
        return vk(this.comprehension(t, frame));
      case "objectcomp": {
        const out = new ObjectBuilder();
        this.childBody(t.body, frame, () =>
          this.term(t.key, frame, (key) =>
            this.term(t.value, frame, (v) => {
              const prev = out.get(key);
              if (prev !== undefined && !valuesEqual(prev, v)) {
                throw new RegoEvalError("eval_conflict_error", "object keys must be unique", undefined);
              }
              out.set(key, v);
              return false;
            }),
          ),
        );
        return vk(out.build());
      }
      case "call":
        return this.args(t.args, 0, [], frame, (vals) => this.call(t.fn, vals, t.loc, vk));
      case "template":
        return this.template(t.parts, 0, "", frame, vk);
      case "withterm": {
        const values: Value[] = [];
        this.withScope(t.with, frame, () => {
          this.term(t.term, frame, (v) => {
            values.push(v);
            return false;
          });
        });
        for (const v of values) if (vk(v)) return true;
        return false;
      }
    }
  }

  /**
   * Evaluates a term that has exactly one value or none without continuations: constants, bound
   * variables, input and local references without iteration, and collections of those.
   */
  /** A term's single value (compiled once per term, see {@link termFn}), or COMPLEX. */
  protected simple(t: IrTerm, frame: Frame): Value | undefined | typeof COMPLEX {
    return termFn(t)(this, frame);
  }

  /** Evaluates a term known not to be single-valued (refs that iterate, collections of those). */
  private complexTerm(t: IrTerm, frame: Frame, vk: VK): boolean {
    switch (t.k) {
      case "ref":
        return this.ref(t, frame, vk);
      case "array":
        return this.args(t.items, 0, [], frame, (vals) => vk(vals.slice()));
      case "set":
        return this.args(t.items, 0, [], frame, (vals) => vk(new RegoSet(vals)));
      case "object":
        return this.objectTerm(t.entries, 0, [], frame, vk);
      default:
        return this.term(t, frame, vk);
    }
  }

  private template(
    parts: readonly (string | IrTerm)[],
    i: number,
    acc: string,
    frame: Frame,
    vk: VK,
  ): boolean {
    if (i === parts.length) return vk(acc);
    const p = parts[i] as string | IrTerm;
    if (typeof p === "string") return this.template(parts, i + 1, acc + p, frame, vk);
    let found = false;
    const r = this.term(p, frame, (v) => {
      found = true;
      return this.template(parts, i + 1, acc + (typeof v === "string" ? v : formatValue(v)), frame, vk);
    });
    if (!found) return this.template(parts, i + 1, `${acc}<undefined>`, frame, vk);
    return r;
  }

  private objectTerm(
    entries: readonly (readonly [IrTerm, IrTerm])[],
    i: number,
    acc: [Value, Value][],
    frame: Frame,
    vk: VK,
  ): boolean {
    if (i === entries.length) {
      const b = new ObjectBuilder();
      for (const [k, v] of acc) b.set(k, v);
      return vk(b.build());
    }
    const [kt, vt] = entries[i] as readonly [IrTerm, IrTerm];
    return this.term(kt, frame, (key) =>
      this.term(vt, frame, (v) => {
        acc.push([key, v]);
        const r = this.objectTerm(entries, i + 1, acc, frame, vk);
        acc.pop();
        return r;
      }),
    );
  }

  // ---- references ----

  private ref(t: Extract<IrTerm, { k: "ref" }>, frame: Frame, vk: VK): boolean {
    const base = t.base;
    if (base.k === "data") return this.walkDataRef(t.ops, frame, vk);
    if (base.k === "input" && this.input === undefined) return false;
    const direct = this.simple(base, frame);
    if (direct === COMPLEX) return this.term(base, frame, (v) => this.walk(v, t.ops, 0, frame, vk));
    // Follow constant and bound operands in a loop; continuations start at the first iteration.
    let v: Value | undefined = direct;
    let i = 0;
    for (; i < t.ops.length && v !== undefined; i++) {
      const op = t.ops[i] as IrTerm;
      const key = op.k === "const" ? op.v : op.k === "var" ? frame[op.slot] : undefined;
      if (key === undefined) break;
      v = lookup(v, key);
    }
    return v === undefined ? false : this.walk(v, t.ops, i, frame, vk);
  }

  /** Like {@link walk} for base documents: number keys also find string keys, as OPA's store does. */
  protected walkBase(v: Value, ops: readonly IrTerm[], i: number, frame: Frame, vk: VK): boolean {
    if (i === ops.length) return vk(v);
    const op = ops[i] as IrTerm;
    if (!isPlainObject(v) || (op.k === "var" && frame[op.slot] === undefined))
      return this.walk(v, ops, i, frame, vk);
    return this.term(op, frame, (key) => {
      const child = typeof key === "number" ? ownValue(v, String(key)) : lookup(v, key);
      return child === undefined ? false : this.walkBase(child, ops, i + 1, frame, vk);
    });
  }

  /** Indexes into a value along `ops`, iterating where an operand is an unbound variable. */
  protected walk(v: Value, ops: readonly IrTerm[], i: number, frame: Frame, vk: VK): boolean {
    if (i === ops.length) return vk(v);
    const op = ops[i] as IrTerm;
    if (op.k === "var" && frame[op.slot] === undefined) {
      const slot = op.slot;
      return this.iterate(v, (key, child) => {
        frame[slot] = key;
        const r = this.walk(child, ops, i + 1, frame, vk);
        frame[slot] = undefined;
        return r;
      });
    }
    if (op.k === "const") {
      const child = lookup(v, op.v);
      return child === undefined ? false : this.walk(child, ops, i + 1, frame, vk);
    }
    if ((op.k === "array" || op.k === "object") && !this.canEval(op, frame)) {
      return this.iterate(v, (key, child) =>
        this.match(op, key, frame, () => this.walk(child, ops, i + 1, frame, vk)),
      );
    }
    return this.term(op, frame, (key) => {
      const child = lookup(v, key);
      return child === undefined ? false : this.walk(child, ops, i + 1, frame, vk);
    });
  }

  // ---- with ----

  private withModifiers(e: IrExpr, frame: Frame, k: K): boolean {
    // Solutions are collected under the modifiers, then continued without them.
    const stack: Frame[] = [];
    const applied = this.withScope(e.with, frame, () => {
      this.exprInner(withoutModifiers(e), frame, () => {
        stack.push(frame.slice());
        return e.negated;
      });
    });
    if (!applied) return false;
    for (const snapshot of stack) {
      const before = frame.slice();
      for (let j = 0; j < snapshot.length; j++) frame[j] = snapshot[j];
      const stop = k();
      for (let j = 0; j < before.length; j++) frame[j] = before[j];
      if (stop) return true;
    }
    return false;
  }
}
