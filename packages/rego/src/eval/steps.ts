import type { IrBody, IrExpr, IrTerm } from "../compiler/ir.js";
import type { Location } from "../location.js";
import {
  isArray,
  isObject,
  isPlainObject,
  objectEntries,
  RegoSet,
  sortedKeys,
  type Value,
  valuesEqual,
} from "../value/value.js";
import { type DirectHost, directExpr, type TermFn, termFn } from "./direct.js";
import { COMPLEX, type Frame, type K, type VK } from "./eval-types.js";
import { GeneratedChain, type Interpreter } from "./generated-chain.js";
import { lookup } from "./lookup.js";
import type { Sink } from "./sinks.js";
import type { Tracer } from "./tracer.js";

/** What compiled bodies need from the evaluation beyond {@link DirectHost}. */
export interface StepHost extends DirectHost {
  /** Runs one expression through the search (the general case), continuing with `k`. */
  searchExpr(e: IrExpr, frame: Frame, k: K): boolean;
  /** Evaluates a term through the search, for each of its values. */
  term(t: IrTerm, frame: Frame, vk: VK): boolean;
  /** Where the body running now delivers its values (see {@link bodyInto}). */
  sink: Sink;
  /** The evaluation's tracer, when it is traced (see traced-steps.ts). */
  readonly tracer: Tracer | undefined;
}

/**
 * One compiled expression and everything after it in its body: runs in `frame` and calls `k`
 * (the body's continuation) for each solution of the rest, until it returns true.
 */
export type Step = (h: StepHost, frame: Frame, k: K) => boolean;

const END: Step = (_h, _f, k) => k();
const FOUND: Step = () => true;
const STOP: K = () => true;
const compiledBodies = new WeakMap<IrBody, Step>();
const bodiesInto = new WeakMap<IrBody, { readonly head: IrTerm; readonly chain: GeneratedChain }>();

/**
 * A body compiled to a chain of steps, each knowing its successor, so that iteration calls the
 * rest of the body directly instead of through a closure made per solution.
 */
export function bodyStep(body: IrBody): Step {
  let step = compiledBodies.get(body);
  if (step === undefined) {
    step = new GeneratedChain(body, { kind: "end" }, END, INTERPRETER).suffix(0);
    compiledBodies.set(body, step);
  }
  return step;
}

/**
 * A body that hands the value of `head` to the host's {@link Sink} at each solution (rule values,
 * comprehension members); the body's continuation is not called. A body has one head (its rule's
 * or comprehension's), so the compiled form is kept by body, with the head it was made for.
 */
export function bodyInto(body: IrBody, head: IrTerm): Step {
  return chainInto(body, head).suffix(0);
}

/** {@link bodyInto} for a caller that always runs the body on a fresh frame (no slot bound). */
export function freshBodyInto(body: IrBody, head: IrTerm): Step {
  return chainInto(body, head).fresh();
}

function chainInto(body: IrBody, head: IrTerm): GeneratedChain {
  const kept = bodiesInto.get(body);
  if (kept !== undefined && kept.head === head) return kept.chain;
  const chain = new GeneratedChain(body, { kind: "yield", head }, yieldValue(head), INTERPRETER);
  if (kept === undefined) bodiesInto.set(body, { head, chain });
  return chain;
}

/** The step that hands the value of `head` to the host's sink (the end of a body compiled into it). */
export function yieldValue(head: IrTerm): Step {
  if (head.k === "const") {
    const v = head.v;
    return (h) => h.sink.add(v);
  }
  if (head.k === "var") {
    const slot = head.slot;
    return (h, f) => {
      const v = f[slot];
      return v === undefined ? h.term(head, f, (x) => h.sink.add(x)) : h.sink.add(v);
    };
  }
  const value = termFn(head);
  return (h, f) => {
    const v = value(h, f);
    if (v === COMPLEX) return h.term(head, f, (x) => h.sink.add(x));
    return v === undefined ? false : h.sink.add(v);
  };
}

/** What generated chains fall back to: the compiled step of one expression. */
const INTERPRETER: Interpreter = { exprStep };

/** One expression compiled as a step, continuing with `next` for each of its solutions. */
export function exprStep(e: IrExpr, next: Step): Step {
  const direct = directExpr(e);
  const search = searchStep(e, next);
  return (h, f, k) => {
    const r = direct(h, f);
    if (r === true) return next(h, f, k);
    if (r === false) return false;
    if (r === COMPLEX) return search(h, f, k);
    f[r] = h.directValue;
    const out = next(h, f, k);
    f[r] = undefined;
    return out;
  };
}

/** The step for an expression that has to search: compiled iteration where the shape allows. */
function searchStep(e: IrExpr, next: Step): Step {
  const general: Step = (h, f, k) => h.searchExpr(e, f, () => next(h, f, k));
  if (e.with.length > 0) return general;
  if (e.negated) {
    const positive = { ...e, negated: false };
    const found = shapedStep(positive, FOUND, (h, f) => h.searchExpr(positive, f, STOP));
    if (found === undefined) return general;
    return (h, f, k) => (found(h, f, k) ? false : next(h, f, k));
  }
  return shapedStep(e, next, general) ?? general;
}

/**
 * Compiled forms of the common searching expressions; undefined for other shapes. `general` runs
 * the expression through the search, for states the compiled form does not cover.
 */
function shapedStep(e: IrExpr, next: Step, general: Step): Step | undefined {
  const n = e.node;
  const loc = e.loc;
  switch (n.k) {
    case "term":
      return refStep(n.term, loc, (h, f, k, v) => (v !== false ? next(h, f, k) : false), general);
    case "unify": {
      if (n.a.k === "var") return refStep(n.b, loc, matchVar(n.a.slot, next), general);
      if (n.b.k === "var") return refStep(n.a, loc, matchVar(n.b.slot, next), general);
      return undefined;
    }
    case "somein": {
      if (n.value.k !== "var" || (n.key !== undefined && (n.key.k !== "var" || n.key.slot === n.value.slot)))
        return undefined;
      const keySlot = n.key === undefined ? -1 : n.key.slot;
      const valueSlot = n.value.slot;
      const coll = termFn(n.coll);
      return (h, f, k) => {
        if ((keySlot >= 0 && f[keySlot] !== undefined) || f[valueSlot] !== undefined) return general(h, f, k);
        const c = coll(h, f);
        if (c === COMPLEX) return general(h, f, k);
        if (c === undefined) return false;
        return eachMember(h, f, k, c, keySlot, valueSlot, next, loc);
      };
    }
    default:
      return undefined;
  }
}

/** Continues with a value: binds an unbound variable to it, or compares a bound one. */
type ValueStep = (h: StepHost, f: Frame, k: K, v: Value) => boolean;

function matchVar(slot: number, next: Step): ValueStep {
  return (h, f, k, v) => {
    const cur = f[slot];
    if (cur !== undefined) return valuesEqual(cur, v) ? next(h, f, k) : false;
    f[slot] = v;
    const out = next(h, f, k);
    f[slot] = undefined;
    return out;
  };
}

/**
 * A reference into `input` or a local value whose operands are constants or variables, walked
 * with unbound variables iterating; other terms are left to the search (undefined).
 */
function refStep(t: IrTerm, loc: Location, then: ValueStep, general: Step): Step | undefined {
  if (t.k !== "ref" || (t.base.k !== "input" && t.base.k !== "var" && t.base.k !== "const")) return undefined;
  const ops = t.ops;
  if (ops.some((o) => o.k !== "const" && o.k !== "var")) return undefined;
  const n = ops.length;
  const base: TermFn = termFn(t.base);
  const walk = (h: StepHost, f: Frame, k: K, v: Value, i: number): boolean => {
    for (; i < n; i++) {
      const op = ops[i] as IrTerm;
      let key: Value | undefined;
      if (op.k === "const") key = op.v;
      else if (op.k === "var") {
        key = f[op.slot];
        if (key === undefined) return iterateOp(h, f, k, v, i, op.slot);
      }
      const child = lookup(v, key as Value);
      if (child === undefined) return false;
      v = child;
    }
    return then(h, f, k, v);
  };
  // One member: bind its key, walk on from it, unbind.
  const member = (h: StepHost, f: Frame, k: K, slot: number, key: Value, m: Value, rest: number): boolean => {
    h.tick(loc);
    f[slot] = key;
    const stop = walk(h, f, k, m, rest);
    f[slot] = undefined;
    return stop;
  };
  const iterateOp = (h: StepHost, f: Frame, k: K, coll: Value, i: number, slot: number): boolean => {
    const rest = i + 1;
    if (isArray(coll)) {
      for (let j = 0; j < coll.length; j++) if (member(h, f, k, slot, j, coll[j] as Value, rest)) return true;
    } else if (coll instanceof RegoSet) {
      for (const m of coll.values()) if (member(h, f, k, slot, m, m, rest)) return true;
    } else if (isPlainObject(coll)) {
      for (const key of sortedKeys(coll))
        if (member(h, f, k, slot, key, coll[key] as Value, rest)) return true;
    } else if (isObject(coll)) {
      for (const [key, m] of objectEntries(coll)) if (member(h, f, k, slot, key, m, rest)) return true;
    }
    return false;
  };
  return (h, f, k) => {
    const v = base(h, f);
    if (v === COMPLEX) return general(h, f, k);
    return v === undefined ? false : walk(h, f, k, v, 0);
  };
}

/** `some k, v in coll` with both variables unbound: binds each member and continues. */
function eachMember(
  h: StepHost,
  f: Frame,
  k: K,
  coll: Value,
  keySlot: number,
  valueSlot: number,
  next: Step,
  loc: Location,
): boolean {
  const visit = (key: Value, m: Value): boolean => {
    h.tick(loc);
    if (keySlot >= 0) f[keySlot] = key;
    f[valueSlot] = m;
    const stop = next(h, f, k);
    f[valueSlot] = undefined;
    if (keySlot >= 0) f[keySlot] = undefined;
    return stop;
  };
  if (isArray(coll)) {
    for (let j = 0; j < coll.length; j++) if (visit(j, coll[j] as Value)) return true;
    return false;
  }
  if (coll instanceof RegoSet) {
    for (const m of coll.values()) if (visit(m, m)) return true;
    return false;
  }
  if (isPlainObject(coll)) {
    for (const key of sortedKeys(coll)) if (visit(key, coll[key] as Value)) return true;
    return false;
  }
  if (isObject(coll)) for (const [key, m] of objectEntries(coll)) if (visit(key, m)) return true;
  return false;
}
