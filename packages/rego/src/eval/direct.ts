import type { FnTarget, IrExpr, IrTerm } from "../compiler/ir.js";
import type { Location } from "../location.js";
import { ObjectBuilder, RegoSet, type Value, valuesEqual } from "../value/value.js";
import { COMPLEX, type Frame } from "./eval-types.js";
import type { FunctionPlan } from "./function-plan.js";
import { lookup } from "./lookup.js";

/** What compiled expressions need from the evaluation that runs them. */
export interface DirectHost {
  /** The value a binding expression produced; its slot is what the expression returned. */
  directValue: Value;
  /** `input` as the current `with` scope has it. */
  currentInput(): Value | undefined;
  /** A `data` reference without iteration, or COMPLEX. */
  dataRef(ops: readonly IrTerm[], frame: Frame): Value | undefined | typeof COMPLEX;
  /** The first value of a call (functions and builtins that are not relations). */
  callOnce(site: CallSite, args: Value[], loc: Location): Value | undefined;
  /** Counts a step; checks cancellation now and then. */
  tick(loc: Location): void;
  /** The value of an array or set comprehension (always defined). */
  comprehension(t: IrTerm & { k: "arraycomp" | "setcomp" }, frame: Frame): Value;
  /** True while `with` replaces some function: generated code leaves such runs to the interpreter. */
  overridden(): boolean;
  /** The plan of the user function a call names (null: none), for generated code to inline it. */
  functionPlan(fn: FnTarget): FunctionPlan | null;
}

/** One call in the code: what it calls, and the user function that turned out to be (null: none). */
export interface CallSite {
  readonly fn: FnTarget;
  plan: FunctionPlan | null | undefined;
}

/** A term's single value: undefined when it has none, COMPLEX when it must be evaluated by search. */
export type TermFn = (h: DirectHost, frame: Frame) => Value | undefined | typeof COMPLEX;

/**
 * An expression with at most one solution, run without continuations: true or false for a test,
 * a slot number when it binds that slot (to {@link DirectHost.directValue}), COMPLEX when it has to
 * go through the search.
 */
export type DirectFn = (h: DirectHost, frame: Frame) => boolean | number | typeof COMPLEX;

const ALWAYS_COMPLEX: DirectFn = () => COMPLEX;

/** Compiles an expression's direct form (see {@link DirectFn}). */
export function directExpr(e: IrExpr): DirectFn {
  if (e.with.length > 0) return ALWAYS_COMPLEX;
  const n = e.node;
  const loc = e.loc;
  const negated = e.negated;
  switch (n.k) {
    case "nop":
      return (h) => {
        h.tick(loc);
        return !negated;
      };
    case "term": {
      const term = compileTerm(n.term);
      return (h, f) => {
        h.tick(loc);
        const v = term(h, f);
        if (v === COMPLEX) return COMPLEX;
        return negated ? v === undefined || v === false : v !== undefined && v !== false;
      };
    }
    case "unify":
      return compileUnify(n.a, n.b, negated, loc);
    case "call":
      return compileCall(n.fn, n.args, n.out, negated, loc);
    default:
      return ALWAYS_COMPLEX;
  }
}

function compileUnify(a: IrTerm, b: IrTerm, negated: boolean, loc: Location): DirectFn {
  const left = compileTerm(a);
  const right = compileTerm(b);
  const slot = a.k === "var" ? a.slot : -1;
  return (h, f) => {
    h.tick(loc);
    const binds = slot >= 0 && f[slot] === undefined;
    const v = right(h, f);
    if (v === COMPLEX) return COMPLEX;
    if (binds) {
      if (negated) return COMPLEX;
      if (v === undefined) return false;
      h.directValue = v;
      return slot;
    }
    const x = left(h, f);
    if (x === COMPLEX) return COMPLEX;
    const eq = x !== undefined && v !== undefined && valuesEqual(x, v);
    return negated ? !eq : eq;
  };
}

function compileCall(
  fn: FnTarget,
  argTerms: readonly IrTerm[],
  out: IrTerm | undefined,
  negated: boolean,
  loc: Location,
): DirectFn {
  if (fn.name === "print" || fn.builtin?.decl.relation) return ALWAYS_COMPLEX;
  const site: CallSite = { fn, plan: undefined };
  const args = argTerms.map(compileTerm);
  const n = args.length;
  const outFn = out === undefined ? undefined : compileTerm(out);
  const outSlot = out?.k === "var" ? out.slot : -1;
  return (h, f) => {
    h.tick(loc);
    const vals: Value[] = new Array(n);
    let undef = false;
    for (let j = 0; j < n; j++) {
      const a = (args[j] as TermFn)(h, f);
      if (a === COMPLEX) return COMPLEX;
      if (a === undefined) undef = true;
      else vals[j] = a;
    }
    let target = -1;
    let expected: Value | undefined;
    if (outFn !== undefined) {
      if (outSlot >= 0 && f[outSlot] === undefined) {
        if (negated) return COMPLEX;
        target = outSlot;
      } else {
        const o = outFn(h, f);
        if (o === COMPLEX) return COMPLEX;
        if (o === undefined) undef = true;
        else expected = o;
      }
    }
    if (undef) return negated;
    const result = h.callOnce(site, vals, loc);
    if (target >= 0) {
      if (result === undefined) return false;
      h.directValue = result;
      return target;
    }
    const ok =
      result !== undefined && (expected !== undefined ? valuesEqual(result, expected) : result !== false);
    return negated ? !ok : ok;
  };
}

const compiledTerms = new WeakMap<IrTerm, TermFn>();

/** A term's single-value function, compiled on first use. */
export function termFn(t: IrTerm): TermFn {
  let fn = compiledTerms.get(t);
  if (fn === undefined) {
    fn = compileTerm(t);
    compiledTerms.set(t, fn);
  }
  return fn;
}

/** Compiles a term to a function giving its single value (see {@link TermFn}). */
function compileTerm(t: IrTerm): TermFn {
  switch (t.k) {
    case "const": {
      const v = t.v;
      return () => v;
    }
    case "var": {
      const slot = t.slot;
      return (_h, f) => f[slot] ?? COMPLEX;
    }
    case "input":
      return (h) => h.currentInput();
    case "ref":
      return compileRef(t.base, t.ops);
    case "array": {
      const items = t.items.map(compileTerm);
      return (h, f) => {
        const out: Value[] = new Array(items.length);
        for (let i = 0; i < items.length; i++) {
          const v = (items[i] as TermFn)(h, f);
          if (v === undefined || v === COMPLEX) return v;
          out[i] = v;
        }
        return out;
      };
    }
    case "set": {
      const items = t.items.map(compileTerm);
      return (h, f) => {
        const out = new RegoSet();
        for (const item of items) {
          const v = item(h, f);
          if (v === undefined || v === COMPLEX) return v;
          out.add(v);
        }
        return out;
      };
    }
    case "object": {
      const entries = t.entries.map(([k, v]) => [compileTerm(k), compileTerm(v)] as const);
      return (h, f) => {
        const out = new ObjectBuilder();
        for (const [kf, vf] of entries) {
          const k = kf(h, f);
          if (k === undefined || k === COMPLEX) return k;
          const v = vf(h, f);
          if (v === undefined || v === COMPLEX) return v;
          out.set(k, v);
        }
        return out.build();
      };
    }
    case "call": {
      const fn = t.fn;
      if (fn.name === "print" || fn.builtin?.decl.relation) return () => COMPLEX;
      const args = t.args.map(compileTerm);
      const loc = t.loc;
      const site: CallSite = { fn, plan: undefined };
      return (h, f) => {
        const vals: Value[] = new Array(args.length);
        for (let j = 0; j < args.length; j++) {
          const a = (args[j] as TermFn)(h, f);
          if (a === COMPLEX || a === undefined) return a;
          vals[j] = a;
        }
        return h.callOnce(site, vals, loc);
      };
    }
    case "arraycomp":
    case "setcomp":
      return (h, f) => h.comprehension(t, f);
    default:
      // Object comprehensions, templates and `with` terms are evaluated by the search.
      return () => COMPLEX;
  }
}

function compileRef(base: IrTerm, ops: readonly IrTerm[]): TermFn {
  if (ops.some((op) => op.k !== "const" && op.k !== "var")) return () => COMPLEX;
  const varSlots = ops.flatMap((op) => (op.k === "var" ? [op.slot] : []));
  if (base.k === "data") {
    return (h, f) => {
      for (const s of varSlots) if (f[s] === undefined) return COMPLEX;
      return h.dataRef(ops, f);
    };
  }
  const baseFn = compileTerm(base);
  if (varSlots.length === 0) {
    const keys = ops.map((op) => (op.k === "const" ? op.v : null));
    const n = keys.length;
    if (base.k === "var") {
      // The commonest shape (`container.securityContext.privileged`): the base read in place.
      const slot = base.slot;
      return (_h, f) => {
        let v: Value | undefined = f[slot];
        if (v === undefined) return COMPLEX;
        for (let i = 0; i < n && v !== undefined; i++) v = lookup(v, keys[i] as Value);
        return v;
      };
    }
    return (h, f) => {
      let v = baseFn(h, f);
      if (v === COMPLEX) return COMPLEX;
      for (let i = 0; i < n; i++) {
        if (v === undefined) return undefined;
        v = lookup(v, keys[i] as Value);
      }
      return v;
    };
  }
  // Each key is a constant (-1) or the variable in that slot, read when the reference runs.
  const plan = ops.map((op) => (op.k === "var" ? op.slot : -1));
  const consts = ops.map((op) => (op.k === "const" ? op.v : null));
  return (h, f) => {
    for (const s of varSlots) if (f[s] === undefined) return COMPLEX;
    let v = baseFn(h, f);
    if (v === COMPLEX) return COMPLEX;
    for (let i = 0; i < plan.length; i++) {
      if (v === undefined) return undefined;
      const slot = plan[i] as number;
      v = lookup(v, (slot >= 0 ? f[slot] : consts[i]) as Value);
    }
    return v;
  };
}

/**
 * A body without iteration run straight through: the value of its head, undefined when some
 * expression fails, COMPLEX when some expression has to go through the search after all.
 */
export type DirectBody = (h: DirectHost, frame: Frame) => Value | undefined | typeof COMPLEX;

/**
 * The direct form of a body and head (see {@link DirectBody}), or null when some expression can
 * never run directly (`with`, `some … in`, `every`, `print`, relations).
 */
export function directBody(body: readonly IrExpr[], head: IrTerm): DirectBody | null {
  const exprs = body.map(directExpr);
  if (exprs.includes(ALWAYS_COMPLEX)) return null;
  const value = compileTerm(head);
  const n = exprs.length;
  return (h, f) => {
    for (let i = 0; i < n; i++) {
      const r = (exprs[i] as DirectFn)(h, f);
      if (r === true) continue;
      if (r === false) return undefined;
      if (r === COMPLEX) return COMPLEX;
      f[r] = h.directValue;
    }
    return value(h, f);
  };
}
