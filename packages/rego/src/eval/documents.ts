import type { CompiledPolicy } from "../compiler/compiler.js";
import type { DocNode, IrBody, IrRule, IrTerm, IrWith } from "../compiler/ir.js";
import { rulePath } from "../compiler/ir-print.js";
import { functionRules, isPlainSetRule } from "../compiler/rule-tree.js";
import { RegoEvalError } from "../errors.js";
import {
  isObject,
  isPlainObject,
  ObjectBuilder,
  objectEntries,
  ownValue,
  RegoSet,
  type Value,
  valuesEqual,
} from "../value/value.js";
import {
  type Cached,
  type Caches,
  COMPLEX,
  type EvalOptions,
  type FnOverride,
  type Frame,
  freshCaches,
  IN_PROGRESS,
  type K,
  NO_DATA_OVERRIDES,
  NO_FN_OVERRIDES,
  NONE,
  type VK,
} from "./eval-types.js";
import { hasArguments } from "./function-plan.js";
import { lookup } from "./lookup.js";
import { PartialDoc } from "./partial-doc.js";
import { setPath } from "./paths.js";
import { type PreUnify, ruleUnifiers } from "./pre-unify.js";
import { SetSink, type Sink } from "./sinks.js";
import { freshBodyInto, type Step } from "./steps.js";
import { tracedRuleBody, tracedRuleInto } from "./traced-steps.js";
import type { Tracer } from "./tracer.js";

/**
 * The state of one query evaluation (input, base data, caches, `with` overrides) and the
 * documents it computes: walking `data`, rule documents (complete, partial, default), base data
 * merged with the rules below it. The search itself (bodies, terms, unification) is
 * {@link Evaluation}'s.
 */
export abstract class QueryState {
  protected input: Value | undefined;
  protected readonly baseData: Value;
  protected caches: Caches;
  protected fnOverrides: ReadonlyMap<string, FnOverride> = NO_FN_OVERRIDES;
  protected dataOverrides: ReadonlyMap<string, Value> = NO_DATA_OVERRIDES;
  protected steps = 0;
  /** Records this evaluation's events; undefined for an evaluation that is not traced. */
  readonly tracer: Tracer | undefined;

  constructor(
    protected readonly policy: CompiledPolicy,
    protected readonly options: EvalOptions,
  ) {
    this.input = options.input;
    this.baseData = options.data;
    this.caches = freshCaches(policy);
    this.tracer = options.tracer;
  }

  /** Runs a body (the evaluator's search). */
  abstract body(body: IrBody, frame: Frame, k: K): boolean;
  /** Evaluates a term for each of its values. */
  abstract term(t: IrTerm, frame: Frame, vk: VK): boolean;
  protected abstract simple(t: IrTerm, frame: Frame): Value | undefined | typeof COMPLEX;
  protected abstract walk(v: Value, ops: readonly IrTerm[], i: number, frame: Frame, vk: VK): boolean;
  protected abstract walkBase(v: Value, ops: readonly IrTerm[], i: number, frame: Frame, vk: VK): boolean;
  protected abstract args(
    terms: readonly IrTerm[],
    i: number,
    acc: Value[],
    frame: Frame,
    k: (vals: Value[]) => boolean,
  ): boolean;
  protected abstract singleValue(rule: IrRule, frame: Frame, conflict: string, prior?: Cached): Cached;
  protected abstract callFunctionAt(node: DocNode, args: Value[]): Cached;
  protected abstract collect(step: Step, frame: Frame, sink: Sink): void;
  /** Runs a compiled body in `frame`, continuing with `k`. */
  protected abstract runStep(step: Step, frame: Frame, k: K): boolean;
  /** True when a term can be evaluated now: every variable it needs is bound. */
  protected abstract canEval(t: IrTerm, frame: Frame): boolean;
  /** Matches a pattern term against a value, binding unbound variables. */
  protected abstract match(t: IrTerm, v: Value, frame: Frame, k: K): boolean;

  /** A `data` reference with no iteration, read without continuations (no `with data` in force). */
  protected simpleData(ops: readonly IrTerm[], frame: Frame): Value | undefined | typeof COMPLEX {
    if (this.dataOverrides.size > 0) return COMPLEX;
    const route = this.routeOf(ops);
    if (route.node !== undefined) {
      const doc = this.docValue(route.node);
      return doc === NONE ? undefined : this.simpleLookup(doc, ops, route.at, frame, false);
    }
    if (route.at >= 0) {
      let base: Value | undefined = this.baseData;
      for (let i = 0; i < route.at && base !== undefined; i++) {
        const key = (ops[i] as { v: string }).v;
        base = isPlainObject(base) ? ownValue(base, key) : lookup(base, key);
      }
      return base === undefined ? undefined : this.simpleLookup(base, ops, route.at, frame, true);
    }
    let node: DocNode | undefined = this.policy.root;
    let base: Value | undefined = this.baseData;
    for (let i = 0; i < ops.length; i++) {
      if (node !== undefined && (node.rules.length > 0 || node.defaultRule !== undefined)) {
        const doc = this.docValue(node);
        return doc === NONE ? undefined : this.simpleLookup(doc, ops, i, frame, false);
      }
      const op = ops[i] as IrTerm;
      const key = op.k === "const" ? op.v : op.k === "var" ? frame[op.slot] : COMPLEX;
      if (key === undefined || key === COMPLEX) return COMPLEX;
      const skey = typeof key === "number" ? String(key) : key;
      node = typeof skey === "string" ? node?.children.get(skey) : undefined;
      if (base !== undefined)
        base = isPlainObject(base) && typeof skey === "string" ? ownValue(base, skey) : lookup(base, key);
      if (node === undefined)
        return base === undefined ? undefined : this.simpleLookup(base, ops, i + 1, frame, true);
    }
    if (node !== undefined && (node.rules.length > 0 || node.defaultRule !== undefined)) {
      const doc = this.docValue(node);
      return doc === NONE ? undefined : doc;
    }
    return this.subtree(node, base, []);
  }

  /** Where the constant prefix of a `data` reference leads in the rule tree (see {@link dataRoute}). */
  private routeOf(ops: readonly IrTerm[]): DataRoute {
    let route = dataRoutes.get(ops);
    if (route === undefined) {
      route = dataRoute(this.policy.root, ops);
      dataRoutes.set(ops, route);
    }
    return route;
  }

  /**
   * Walks a `data` reference from the root; without `with data` in force, a reference whose
   * constant prefix reaches rules starts at their node.
   */
  protected walkDataRef(ops: readonly IrTerm[], frame: Frame, vk: VK): boolean {
    if (this.dataOverrides.size === 0) {
      const route = this.routeOf(ops);
      if (route.node !== undefined) return this.walkData(route.node, undefined, [], ops, route.at, frame, vk);
    }
    return this.walkData(this.policy.root, this.baseData, [], ops, 0, frame, vk);
  }

  /** Follows constant or bound operands from `ops[i]` on; numbers find string keys in base data. */
  protected simpleLookup(
    v: Value,
    ops: readonly IrTerm[],
    i: number,
    frame: Frame,
    baseData: boolean,
  ): Value | undefined | typeof COMPLEX {
    let cur: Value | undefined = v;
    for (let j = i; j < ops.length; j++) {
      const o = ops[j] as IrTerm;
      const key = o.k === "const" ? o.v : o.k === "var" ? frame[o.slot] : COMPLEX;
      if (key === undefined || key === COMPLEX) return COMPLEX;
      if (cur === undefined) return undefined;
      cur =
        baseData && typeof key === "number" && isPlainObject(cur)
          ? ownValue(cur, String(key))
          : lookup(cur, key);
    }
    return cur;
  }

  /**
   * Walks `data`: rule nodes give their computed documents, other nodes merge base data with the
   * documents below them. `path` is the path walked so far (for `with data…` overrides).
   */
  protected walkData(
    node: DocNode | undefined,
    base: Value | undefined,
    path: readonly string[],
    ops: readonly IrTerm[],
    i: number,
    frame: Frame,
    vk: VK,
  ): boolean {
    if (this.dataOverrides.size > 0) {
      const o = this.dataOverrides.get(path.join("\u0000"));
      if (o !== undefined && path.length > 0) return this.walk(o, ops, i, frame, vk);
      if (node === undefined && !this.overridesBelow(path)) {
        return base === undefined ? false : this.walkBase(base, ops, i, frame, vk);
      }
    } else if (node === undefined) {
      return base === undefined ? false : this.walkBase(base, ops, i, frame, vk);
    }
    if (node !== undefined && (node.rules.length > 0 || node.defaultRule !== undefined)) {
      const pattern = ops[i];
      if (
        pattern !== undefined &&
        (pattern.k === "object" || pattern.k === "array") &&
        this.dataOverrides.size === 0 &&
        this.caches.docs[node.cacheSlot] === undefined &&
        isPlainPartialSet(node) &&
        !this.canEval(pattern, frame)
      ) {
        return this.partialSetMembers(node, pattern, ops, i, frame, vk);
      }
      const doc = this.docValue(node);
      return doc === NONE ? false : this.walk(doc, ops, i, frame, vk);
    }
    if (i === ops.length) {
      const v = this.subtree(node, base, path);
      return v === undefined ? false : vk(v);
    }
    const op = ops[i] as IrTerm;
    const step = (key: Value): boolean => {
      if (typeof key === "number" && base !== undefined && isPlainObject(base)) key = String(key);
      if (typeof key !== "string") {
        const child = base === undefined ? undefined : lookup(base, key);
        return child === undefined ? false : this.walk(child, ops, i + 1, frame, vk);
      }
      const childNode = node?.children.get(key);
      const childBase = base !== undefined && isPlainObject(base) ? ownValue(base, key) : undefined;
      if (
        childNode === undefined &&
        childBase === undefined &&
        (this.dataOverrides.size === 0 || !this.overridesBelow([...path, key]))
      ) {
        return false;
      }
      const childPath = this.dataOverrides.size > 0 ? [...path, key] : path;
      return this.walkData(childNode, childBase, childPath, ops, i + 1, frame, vk);
    };
    if (op.k === "var" && frame[op.slot] === undefined) {
      const keys = new Set<string>();
      if (node) for (const k of node.children.keys()) keys.add(k);
      if (base !== undefined && isPlainObject(base)) for (const k of Object.keys(base)) keys.add(k);
      const slot = op.slot;
      for (const key of [...keys].sort()) {
        frame[slot] = key;
        const r = step(key);
        frame[slot] = undefined;
        if (r) return true;
      }
      return false;
    }
    return this.term(op, frame, step);
  }

  /**
   * Members of a partial set matching a pattern that is not ground (`p[{"msg": m, "field": "x"}]`)
   * when the set has not been computed: each rule runs with its head pre-unified with the pattern,
   * as OPA does, so its body only searches what can match. Members are seen once each.
   */
  private partialSetMembers(
    node: DocNode,
    pattern: IrTerm,
    ops: readonly IrTerm[],
    i: number,
    frame: Frame,
    vk: VK,
  ): boolean {
    const seen = new RegoSet();
    const rules = this.candidates(node);
    const unifiers = ruleUnifiers(rules, pattern);
    // Rules run one after another: the continuations are made once and read the current rule.
    let head: IrTerm = pattern;
    let ruleFrame: Frame = frame;
    const onMember = (member: Value): boolean => {
      if (!seen.add(member)) return false;
      return this.match(pattern, member, frame, () => this.walk(member, ops, i + 1, frame, vk));
    };
    const onSolution = (): boolean => this.term(head, ruleFrame, onMember);
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r] as IrRule;
      ruleFrame = new Array(rule.slots);
      if (!(unifiers[r] as PreUnify)(frame, ruleFrame)) continue;
      head = rule.value;
      if (this.ruleBody(rule, ruleFrame, onSolution)) return true;
    }
    return false;
  }

  protected overridesBelow(path: readonly string[]): boolean {
    if (this.dataOverrides.size === 0) return false;
    const prefix = path.join("\u0000");
    for (const k of this.dataOverrides.keys())
      if (path.length === 0 || k === prefix || k.startsWith(`${prefix}\u0000`)) return true;
    return false;
  }

  /** The full value of a non-rule node: base data merged with the documents of the nodes below. */
  protected subtree(
    node: DocNode | undefined,
    base: Value | undefined,
    path: readonly string[],
  ): Value | undefined {
    if (this.dataOverrides.size > 0 && path.length > 0) {
      const o = this.dataOverrides.get(path.join("\u0000"));
      if (o !== undefined) return o;
    }
    if (node !== undefined && (node.rules.length > 0 || node.defaultRule !== undefined)) {
      const d = this.docValue(node);
      return d === NONE ? undefined : d;
    }
    const hasChildren = (node !== undefined && node.children.size > 0) || this.overridesBelow(path);
    if (!hasChildren) return base;
    const b = new ObjectBuilder();
    if (base !== undefined && isObject(base)) for (const [k, v] of objectEntries(base)) b.set(k, v);
    const keys = new Set<string>(node ? node.children.keys() : []);
    if (this.dataOverrides.size > 0) {
      for (const k of this.dataOverrides.keys()) {
        const parts = k.split("\u0000");
        if (parts.length > path.length && path.every((p, j) => parts[j] === p))
          keys.add(parts[path.length] as string);
      }
    }
    for (const key of keys) {
      const child = node?.children.get(key);
      if (child !== undefined && hasArguments(child)) continue;
      const childBase = base !== undefined && isPlainObject(base) ? ownValue(base, key) : undefined;
      const v = this.subtree(child, childBase, [...path, key]);
      if (v !== undefined) b.set(key, v);
    }
    return b.build();
  }

  /** The value of the document a rule node defines; undefined when the rules define none. */
  documentValue(node: DocNode): Value | undefined {
    const v = this.docValue(node);
    return v === NONE ? undefined : v;
  }

  /** The value of the document a rule node defines (cached for the query). */
  protected docValue(node: DocNode): Cached {
    const docs = this.caches.docs;
    const slot = node.cacheSlot;
    const cached = docs[slot];
    if (cached !== undefined) {
      if (cached !== IN_PROGRESS) return cached;
      throw new RegoEvalError(
        "eval_internal_error",
        `rule data.${node.path.join(".")} is recursive`,
        node.rules[0]?.loc,
      );
    }
    const fns = functionRules(node);
    if (fns !== undefined) {
      // A function without arguments is also a document (OPA shows `f() := 1` as `f: 1`).
      const arity = (fns[0] ?? node.defaultRule)?.args.length ?? 1;
      if (arity !== 0) return NONE;
      return this.callFunctionAt(node, []);
    }
    docs[slot] = IN_PROGRESS;
    let v: Cached;
    try {
      v = this.computeDoc(node);
    } catch (e: unknown) {
      docs[slot] = undefined;
      throw e;
    }
    docs[slot] = v;
    return v;
  }

  protected computeDoc(node: DocNode): Cached {
    const kinds = node.rules[0]?.kind ?? node.defaultRule?.kind ?? "complete";
    const rules = this.candidates(node);
    if (this.tracer !== undefined) {
      const n = rules.length;
      this.tracer.event(
        "Index",
        "rule",
        `data.${node.path.join(".")}`,
        undefined,
        `(matched ${n} rule${n === 1 ? "" : "s"})`,
      );
    }
    if (kinds === "complete") {
      let result: Cached = NONE;
      for (const rule of rules) {
        const v = this.completeRule(rule);
        if (v === NONE) continue;
        if (result !== NONE && !valuesEqual(result, v)) {
          throw new RegoEvalError(
            "eval_conflict_error",
            "complete rules must not produce multiple outputs",
            rule.loc,
          );
        }
        result = v;
      }
      if (result === NONE && node.defaultRule !== undefined) result = this.completeRule(node.defaultRule);
      return result;
    }
    const plain = kinds === "multi" ? setBodies(node, rules) : null;
    if (plain !== null) {
      // A plain partial set (`violation contains …`): members go straight into one set.
      const set = new RegoSet();
      const sink = new SetSink(set);
      if (this.tracer === undefined) {
        for (const { step, slots } of plain) this.collect(step, new Array(slots), sink);
      } else for (const rule of rules) this.collectRule(this.tracer, rule, new Array(rule.slots), sink);
      return set;
    }
    const tree = new PartialDoc();
    for (const rule of rules) this.partialRule(rule, tree);
    for (const [key, child] of node.children) {
      if (hasArguments(child)) continue;
      const v = this.subtree(child, undefined, [...node.path, key]);
      if (v !== undefined) tree.put([key], v, false, undefined);
    }
    return tree.value(kinds === "multi");
  }

  /** The rules of a node worth evaluating for the current input (its rule index, if any). */
  protected candidates(node: DocNode): readonly IrRule[] {
    if (node.written !== undefined && this.dataOverrides.size > 0) return node.written;
    const index = node.index;
    if (index === undefined) return node.rules;
    let v: Value | undefined = this.input;
    for (const seg of index.path) {
      if (v === undefined) break;
      v = isPlainObject(v) ? ownValue(v, seg) : lookup(v, seg);
    }
    if (v === undefined || (v !== null && typeof v === "object")) return index.others;
    return index.byValue.get(v) ?? index.others;
  }

  protected completeRule(rule: IrRule): Cached {
    const frame: Frame = new Array(rule.slots);
    const result = this.singleValue(rule, frame, "complete rules must not produce multiple outputs");
    if (result === NONE && rule.elseRule !== undefined) return this.completeRule(rule.elseRule);
    return result;
  }

  protected partialRule(rule: IrRule, tree: PartialDoc): void {
    const frame: Frame = new Array(rule.slots);
    this.ruleBody(rule, frame, () =>
      this.args(rule.keys, 0, [], frame, (keys) =>
        this.term(rule.value, frame, (v) => {
          tree.put(keys.slice(), v, rule.kind === "multi", rule.loc);
          return false;
        }),
      ),
    );
  }

  /** Runs a rule's body, continuing with `k` at each solution; traced, as a query of its own. */
  protected ruleBody(rule: IrRule, frame: Frame, k: K): boolean {
    const t = this.tracer;
    if (t === undefined) return this.body(rule.body, frame, k);
    return t.child(() => {
      t.event("Enter", "rule", rulePath(rule), rule.loc);
      return this.runStep(tracedRuleBody(rule), frame, k);
    });
  }

  /** A traced rule's body, handing its value to `sink` at each solution (a query of its own). */
  protected collectRule(t: Tracer, rule: IrRule, frame: Frame, sink: Sink): void {
    t.child(() => {
      t.event("Enter", "rule", rulePath(rule), rule.loc);
      this.collect(tracedRuleInto(rule), frame, sink);
    });
  }

  /** Runs `f` with `with` modifiers applied; false when a modifier's value is undefined. */
  protected withScope(withs: readonly IrWith[], frame: Frame, f: () => void): boolean {
    const values: Value[] = [];
    for (const w of withs) {
      let val: Value | undefined;
      if (w.target.kind === "function" && w.replacement !== undefined) val = null;
      else {
        this.term(w.value, frame, (v) => {
          val = v;
          return true;
        });
      }
      if (val === undefined) return false;
      values.push(val);
    }
    const savedInput = this.input;
    const savedCaches = this.caches;
    const savedFns = this.fnOverrides;
    const savedData = this.dataOverrides;
    this.caches = freshCaches(this.policy);
    withs.forEach((w, i) => {
      const v = values[i] as Value;
      switch (w.target.kind) {
        case "input":
          this.input = setPath(this.input, w.target.path, v);
          break;
        case "data": {
          const m = new Map(this.dataOverrides);
          m.set(w.target.path.join("\u0000"), v);
          this.dataOverrides = m;
          break;
        }
        case "function": {
          const m = new Map(this.fnOverrides);
          m.set(w.target.name, w.replacement ? { fn: w.replacement } : { value: v });
          this.fnOverrides = m;
          break;
        }
      }
    });
    try {
      f();
    } finally {
      this.input = savedInput;
      this.caches = savedCaches;
      this.fnOverrides = savedFns;
      this.dataOverrides = savedData;
    }
    return true;
  }
}

/** A set defined only by `p contains x` rules (no keys, no documents below, no default). */
function isPlainPartialSet(node: DocNode): boolean {
  if (node.children.size > 0 || node.defaultRule !== undefined || node.rules.length === 0) return false;
  for (const r of node.rules) if (r.kind !== "multi" || r.keys.length > 0) return false;
  return true;
}

/**
 * Where a `data` reference's constant prefix leads in the rule tree, worked out once per
 * reference: the first node with rules and the operands consumed to reach it, or the number of
 * operands after which only base data remains (`at`), or neither (-1: walk it each time).
 */
interface DataRoute {
  readonly node: DocNode | undefined;
  readonly at: number;
}
const dataRoutes = new WeakMap<readonly IrTerm[], DataRoute>();

function dataRoute(root: DocNode, ops: readonly IrTerm[]): DataRoute {
  let node: DocNode | undefined = root;
  for (let i = 0; i < ops.length; i++) {
    if (node.rules.length > 0 || node.defaultRule !== undefined) return { node, at: i };
    const op = ops[i] as IrTerm;
    if (op.k !== "const" || typeof op.v !== "string") return { node: undefined, at: -1 };
    node = node.children.get(op.v);
    if (node === undefined) return { node: undefined, at: i + 1 };
  }
  if (node.rules.length > 0 || node.defaultRule !== undefined) return { node, at: ops.length };
  return { node: undefined, at: -1 };
}

/** A plain partial set's rule bodies, compiled into the set, with their frame sizes. */
type SetBodies = readonly { readonly step: Step; readonly slots: number }[];

const setBodiesOf = new WeakMap<readonly IrRule[], SetBodies | null>();

/**
 * For a set whose rules are all plain `p contains x` definitions (no keys, no documents below):
 * their bodies compiled into the set, worked out once per rule list (a node's rules, or a list of
 * its index). Null for other documents.
 */
function setBodies(node: DocNode, rules: readonly IrRule[]): SetBodies | null {
  let plan = setBodiesOf.get(rules);
  if (plan === undefined) {
    const plain = node.children.size === 0 && rules.every(isPlainSetRule);
    // Each body runs on a frame of its own, made just before (computeDoc).
    plan = plain ? rules.map((r) => ({ step: freshBodyInto(r.body, r.value), slots: r.slots })) : null;
    setBodiesOf.set(rules, plan);
  }
  return plan;
}
