import { CompileError } from "../errors.js";
import type { Location } from "../location.js";
import type { IrBody, IrExpr, IrExprNode, IrTerm } from "./ir.js";

/** Slots known to be bound: those outside [lo, hi) (closures) and those bound so far. */
export class SafeSet {
  private readonly bound = new Set<number>();

  constructor(
    private readonly lo: number,
    private readonly hi: number,
  ) {}

  has(slot: number): boolean {
    return slot < this.lo || slot >= this.hi || this.bound.has(slot);
  }

  add(slot: number): void {
    this.bound.add(slot);
  }

  /** A copy, for trying an expression without committing. */
  clone(): SafeSet {
    const c = new SafeSet(this.lo, this.hi);
    for (const s of this.bound) c.add(s);
    return c;
  }
}

interface VarUse {
  readonly slot: number;
  readonly name: string;
  readonly loc: Location;
}

/**
 * Reorders a body so each expression runs once the variables it needs are bound, keeping the
 * author's order wherever it can (OPA's `reorderBodyForSafety`), and reorders nested bodies the
 * same way. Reports variables that nothing binds as `rego_unsafe_var_error`.
 */
export function reorderBody(body: IrBody, safe: SafeSet, errors: CompileError[]): IrBody {
  const pending = [...body];
  const out: IrExpr[] = [];
  let progress = true;
  while (pending.length > 0 && progress) {
    progress = false;
    for (let i = 0; i < pending.length; ) {
      const e = pending[i] as IrExpr;
      if (exprReady(e, safe)) {
        bindExpr(e, safe);
        out.push(e);
        pending.splice(i, 1);
        progress = true;
      } else i++;
    }
  }
  const reported = new Set<number>();
  for (const e of pending) {
    for (const v of unsafeVars(e, safe)) {
      if (reported.has(v.slot)) continue;
      reported.add(v.slot);
      const name = v.name.startsWith("$_") ? "_" : v.name;
      errors.push(new CompileError("rego_unsafe_var_error", `var ${name} is unsafe`, v.loc));
    }
    out.push(e);
  }
  return out.map((e) => reorderNested(e, safe, errors));
}

function reorderNested(e: IrExpr, safe: SafeSet, errors: CompileError[]): IrExpr {
  const node = reorderNode(e.node, errors);
  const withs = e.with.map((w) => ({ ...w, value: reorderTerm(w.value, errors) }));
  void safe;
  return { ...e, node, with: withs };
}

function reorderNode(n: IrExprNode, errors: CompileError[]): IrExprNode {
  switch (n.k) {
    case "term":
      return { k: "term", term: reorderTerm(n.term, errors) };
    case "unify":
      return { k: "unify", a: reorderTerm(n.a, errors), b: reorderTerm(n.b, errors) };
    case "call":
      return {
        k: "call",
        fn: n.fn,
        args: n.args.map((a) => reorderTerm(a, errors)),
        out: n.out && reorderTerm(n.out, errors),
      };
    case "somein":
      return {
        k: "somein",
        key: n.key && reorderTerm(n.key, errors),
        value: reorderTerm(n.value, errors),
        coll: reorderTerm(n.coll, errors),
      };
    case "every": {
      const inner = new SafeSet(n.lo, n.hi);
      const declared: number[] = [];
      if (n.key) collectPatternVars(n.key, declared);
      collectPatternVars(n.value, declared);
      for (const s of declared) inner.add(s);
      return { ...n, domain: reorderTerm(n.domain, errors), body: reorderBody(n.body, inner, errors) };
    }
    case "nop":
      return n;
  }
}

/** Reorders comprehension bodies inside a term. */
export function reorderTerm(t: IrTerm, errors: CompileError[]): IrTerm {
  switch (t.k) {
    case "arraycomp":
    case "setcomp": {
      const safe = new SafeSet(t.lo, t.hi);
      const body = reorderBody(t.body, safe, errors);
      checkTermSafe(t.head, safe, errors);
      return { ...t, body, head: reorderTerm(t.head, errors) };
    }
    case "objectcomp": {
      const safe = new SafeSet(t.lo, t.hi);
      const body = reorderBody(t.body, safe, errors);
      checkTermSafe(t.key, safe, errors);
      checkTermSafe(t.value, safe, errors);
      return { ...t, body, key: reorderTerm(t.key, errors), value: reorderTerm(t.value, errors) };
    }
    case "ref":
      return { ...t, base: reorderTerm(t.base, errors), ops: t.ops.map((o) => reorderTerm(o, errors)) };
    case "array":
    case "set":
      return { ...t, items: t.items.map((i) => reorderTerm(i, errors)) };
    case "object":
      return {
        ...t,
        entries: t.entries.map(([k, v]) => [reorderTerm(k, errors), reorderTerm(v, errors)] as const),
      };
    case "call":
      return { ...t, args: t.args.map((a) => reorderTerm(a, errors)) };
    case "template":
      return { ...t, parts: t.parts.map((p) => (typeof p === "string" ? p : reorderTerm(p, errors))) };
    case "withterm":
      return { ...t, term: reorderTerm(t.term, errors) };
    default:
      return t;
  }
}

/** Reports variables of a term (a rule head or comprehension head) that are not safe. */
export function checkTermSafe(t: IrTerm, safe: SafeSet, errors: CompileError[]): void {
  const uses: VarUse[] = [];
  evalNeeds(t, uses, false);
  const seen = new Set<number>();
  for (const v of uses) {
    if (safe.has(v.slot) || seen.has(v.slot)) continue;
    seen.add(v.slot);
    const name = v.name.startsWith("$_") ? "_" : v.name;
    errors.push(new CompileError("rego_unsafe_var_error", `var ${name} is unsafe`, v.loc));
  }
}

function exprReady(e: IrExpr, safe: SafeSet): boolean {
  return unsafeVars(e, safe).length === 0;
}

/** The variables an expression needs that are not yet safe (empty when it can run). */
function unsafeVars(e: IrExpr, safe: SafeSet): VarUse[] {
  const needs: VarUse[] = [];
  for (const w of e.with) evalNeeds(w.value, needs, false);
  const n = e.node;
  if (e.negated) {
    const local = safe.clone();
    nodeNeeds(n, local, needs, true);
  } else {
    nodeNeeds(n, safe.clone(), needs, false);
  }
  return needs.filter((v) => !safe.has(v.slot));
}

function nodeNeeds(n: IrExprNode, safe: SafeSet, needs: VarUse[], negated: boolean): void {
  switch (n.k) {
    case "nop":
      return;
    case "term": {
      const bound: number[] = [];
      collectRefOutputs(n.term, bound);
      const own: VarUse[] = [];
      termNeedsBinding(n.term, safe, own);
      needs.push(...own.filter((v) => !bound.includes(v.slot)));
      return;
    }
    case "call": {
      const bound: number[] = [];
      for (const a of n.args) collectRefOutputs(a, bound);
      const own: VarUse[] = [];
      for (const a of n.args) termNeedsBinding(a, safe, own);
      needs.push(...own.filter((v) => !bound.includes(v.slot)));
      if (n.out) patternNeeds(n.out, needs);
      return;
    }
    case "somein":
      termNeedsBinding(n.coll, safe, needs);
      if (n.key) patternNeeds(n.key, needs);
      patternNeeds(n.value, needs);
      return;
    case "every":
      termNeedsBinding(n.domain, safe, needs);
      closureNeeds(n.body, n.lo, n.hi, needs);
      return;
    case "unify":
      unifyNeeds(n.a, n.b, safe, needs);
      void negated;
      return;
  }
}

/** Needs of a term that is evaluated: ref operand vars may be bound by iteration. */
function termNeedsBinding(t: IrTerm, safe: SafeSet, needs: VarUse[]): void {
  const own: VarUse[] = [];
  evalNeeds(t, own, false);
  for (const v of own) if (!safe.has(v.slot)) needs.push(v);
}

function unifyNeeds(a: IrTerm, b: IrTerm, safe: SafeSet, needs: VarUse[]): void {
  if (a.k === "array" && b.k === "array" && a.items.length === b.items.length) {
    for (let i = 0; i < a.items.length; i++) {
      const x = a.items[i] as IrTerm;
      const y = b.items[i] as IrTerm;
      const before = needs.length;
      unifyNeeds(x, y, safe, needs);
      if (needs.length === before) {
        const bound: number[] = [];
        collectPatternVars(x, bound);
        collectPatternVars(y, bound);
        collectRefOutputs(x, bound);
        collectRefOutputs(y, bound);
        for (const s of bound) safe.add(s);
      }
    }
    return;
  }
  if (a.k === "object" && b.k === "object" && a.entries.length === b.entries.length) {
    const pairs: [IrTerm, IrTerm][] = [];
    for (const [ka, va] of a.entries) {
      const match = b.entries.find(([kb]) => ka.k === "const" && kb.k === "const" && ka.v === kb.v);
      if (match === undefined) {
        pairs.length = 0;
        break;
      }
      pairs.push([va, match[1]]);
    }
    if (pairs.length === a.entries.length) {
      unifyNeeds(
        { k: "array", items: pairs.map((p) => p[0]) },
        { k: "array", items: pairs.map((p) => p[1]) },
        safe,
        needs,
      );
      return;
    }
  }
  const aPat: VarUse[] = [];
  const bPat: VarUse[] = [];
  patternNeeds(a, aPat);
  patternNeeds(b, bPat);
  const aEval: VarUse[] = [];
  const bEval: VarUse[] = [];
  evalNeeds(a, aEval, false);
  evalNeeds(b, bEval, false);
  const unsafeIn = (xs: VarUse[]) => xs.filter((v) => !safe.has(v.slot));
  const aCan = unsafeIn(aEval);
  const bCan = unsafeIn(bEval);
  if (aCan.length === 0) {
    needs.push(...unsafeIn(bPat));
    return;
  }
  if (bCan.length === 0) {
    needs.push(...unsafeIn(aPat));
    return;
  }
  needs.push(...aCan, ...bCan);
}

/** Variables a term needs bound to be evaluated (ref operand variables excluded unless `strict`). */
function evalNeeds(t: IrTerm, out: VarUse[], strict: boolean): void {
  switch (t.k) {
    case "const":
    case "input":
    case "data":
      return;
    case "var":
      out.push(t);
      return;
    case "ref":
      evalNeeds(t.base, out, strict);
      for (const o of t.ops) {
        if (o.k === "var") {
          if (strict) out.push(o);
        } else if (o.k === "array" || o.k === "object") {
          if (strict) evalNeeds(o, out, strict);
          else patternNeeds(o, out);
        } else evalNeeds(o, out, strict);
      }
      return;
    case "array":
    case "set":
      for (const i of t.items) evalNeeds(i, out, strict);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        evalNeeds(k, out, strict);
        evalNeeds(v, out, strict);
      }
      return;
    case "arraycomp":
    case "setcomp":
      closureNeeds(t.body, t.lo, t.hi, out);
      closureTermNeeds(t.head, t.lo, t.hi, out);
      return;
    case "objectcomp":
      closureNeeds(t.body, t.lo, t.hi, out);
      closureTermNeeds(t.key, t.lo, t.hi, out);
      closureTermNeeds(t.value, t.lo, t.hi, out);
      return;
    case "call":
      for (const a of t.args) evalNeeds(a, out, strict);
      return;
    case "template":
      for (const p of t.parts) if (typeof p !== "string") evalNeeds(p, out, strict);
      return;
    case "withterm":
      evalNeeds(t.term, out, strict);
      for (const w of t.with) evalNeeds(w.value, out, strict);
      return;
  }
}

/** Needs of a pattern: everything but the variables in pattern positions. */
function patternNeeds(t: IrTerm, out: VarUse[]): void {
  switch (t.k) {
    case "var":
      return;
    case "array":
      for (const i of t.items) patternNeeds(i, out);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        evalNeeds(k, out, false);
        patternNeeds(v, out);
      }
      return;
    default:
      evalNeeds(t, out, false);
  }
}

function closureTermNeeds(t: IrTerm, lo: number, hi: number, out: VarUse[]): void {
  const all: VarUse[] = [];
  evalNeeds(t, all, true);
  for (const v of all) if (v.slot < lo || v.slot >= hi) out.push(v);
}

function closureNeeds(body: IrBody, lo: number, hi: number, out: VarUse[]): void {
  for (const e of body) {
    const all: VarUse[] = [];
    allVars(e, all);
    for (const v of all) if (v.slot < lo || v.slot >= hi) out.push(v);
  }
}

function allVars(e: IrExpr, out: VarUse[]): void {
  for (const w of e.with) evalNeeds(w.value, out, true);
  const n = e.node;
  switch (n.k) {
    case "term":
      evalNeeds(n.term, out, true);
      return;
    case "unify":
      evalNeeds(n.a, out, true);
      evalNeeds(n.b, out, true);
      return;
    case "call":
      for (const a of n.args) evalNeeds(a, out, true);
      if (n.out) evalNeeds(n.out, out, true);
      return;
    case "somein":
      if (n.key) evalNeeds(n.key, out, true);
      evalNeeds(n.value, out, true);
      evalNeeds(n.coll, out, true);
      return;
    case "every":
      evalNeeds(n.domain, out, true);
      for (const b of n.body) allVars(b, out);
      return;
    case "nop":
      return;
  }
}

/** Marks what an expression binds once it has run. */
function bindExpr(e: IrExpr, safe: SafeSet): void {
  if (e.negated) return;
  const bound: number[] = [];
  const n = e.node;
  switch (n.k) {
    case "term":
      collectRefOutputs(n.term, bound);
      break;
    case "unify":
      collectPatternVars(n.a, bound);
      collectPatternVars(n.b, bound);
      collectRefOutputs(n.a, bound);
      collectRefOutputs(n.b, bound);
      break;
    case "call":
      for (const a of n.args) collectRefOutputs(a, bound);
      if (n.out) {
        collectPatternVars(n.out, bound);
        collectRefOutputs(n.out, bound);
      }
      break;
    case "somein":
      if (n.key) collectPatternVars(n.key, bound);
      collectPatternVars(n.value, bound);
      collectRefOutputs(n.coll, bound);
      break;
    case "every":
    case "nop":
      break;
  }
  for (const s of bound) safe.add(s);
}

/** Slots in pattern positions (a bare var, array items, object values). */
export function collectPatternVars(t: IrTerm, out: number[]): void {
  switch (t.k) {
    case "var":
      out.push(t.slot);
      return;
    case "array":
      for (const i of t.items) collectPatternVars(i, out);
      return;
    case "object":
      for (const [, v] of t.entries) collectPatternVars(v, out);
      return;
    default:
      return;
  }
}

/** Slots bound by iterating refs (`input.xs[i]` binds i). */
function collectRefOutputs(t: IrTerm, out: number[]): void {
  switch (t.k) {
    case "ref":
      collectRefOutputs(t.base, out);
      for (const o of t.ops) {
        if (o.k === "var") out.push(o.slot);
        else if (o.k === "array" || o.k === "object") collectPatternVars(o, out);
        else collectRefOutputs(o, out);
      }
      return;
    case "array":
    case "set":
      for (const i of t.items) collectRefOutputs(i, out);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        collectRefOutputs(k, out);
        collectRefOutputs(v, out);
      }
      return;
    case "call":
      for (const a of t.args) collectRefOutputs(a, out);
      return;
    default:
      return;
  }
}
