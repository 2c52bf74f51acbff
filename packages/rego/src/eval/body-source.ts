import { comparisonBuiltins } from "../builtins/comparison.js";
import type { BuiltinDef } from "../builtins/registry.js";
import type { FnTarget, IrExpr, IrExprNode, IrTerm } from "../compiler/ir.js";
import { exprTerms, subterms } from "../compiler/ir-visit.js";
import type { Value } from "../value/value.js";
import type { CallSite } from "./direct.js";
import type { FunctionPlan } from "./function-plan.js";
import { inlinableDefinitions } from "./inline-calls.js";

/**
 * How a generated body ends each solution: call the continuation, yield a head to the sink, or
 * return the head's value (a body run straight through, without iteration: a function's).
 */
export type BodyTail =
  | { readonly kind: "end" }
  | { readonly kind: "yield"; readonly head: IrTerm }
  | { readonly kind: "return"; readonly head: IrTerm };

/**
 * The end of an inlined function definition: its value goes to local `to`, checked against what
 * an earlier definition gave (`conflictAt`: the environment name of the definition's location;
 * undefined for the first definition, or when every definition has the same constant value).
 */
interface AssignTail {
  readonly kind: "assign";
  readonly head: IrTerm;
  readonly to: string;
  readonly conflictAt: string | undefined;
}

/** What the source of one body variant refers to besides its host and runtime. */
export interface BodySource {
  /** The function body's text; it is called with `E` (the environment) and `X` (the runtime). */
  readonly text: string;
  /** Values the text names `E[i]`. */
  readonly env: readonly unknown[];
  /** True when the text only hands the body on to the step for its first expression. */
  readonly onlyFallback: boolean;
  /** Calls of user functions the text writes inline. */
  readonly inlinedCalls: number;
}

/** The steps a generated body hands over to, by what they start with. */
export interface BodyLinks {
  /** Runs expression `i` through the interpreter and the rest of the body after it. */
  fallback(i: number): unknown;
  /** The tail as a step: for a head the generator cannot compute. */
  readonly tailStep: unknown;
  /** The plan of a user function, so that its calls can be written inline; absent: never. */
  readonly plan?: (fn: FnTarget) => FunctionPlan | null;
}

/** How deep inlined calls nest in one text. */
const MAX_INLINE_DEPTH = 3;
/** Inlined definitions one text may hold. */
const MAX_INLINED = 64;

/** Thrown while generating an expression that the interpreter has to run. */
class Unsupported extends Error {}

const STOP = "{ r = true; break B0; }";

const INLINE_COMPARISONS: Readonly<Record<string, (a: string, b: string) => string>> = {
  equal: (a, b) => `X.valuesEqual(${a}, ${b})`,
  neq: (a, b) => `!X.valuesEqual(${a}, ${b})`,
  lt: (a, b) => `X.compareValues(${a}, ${b}) < 0`,
  lte: (a, b) => `X.compareValues(${a}, ${b}) <= 0`,
  gt: (a, b) => `X.compareValues(${a}, ${b}) > 0`,
  gte: (a, b) => `X.compareValues(${a}, ${b}) >= 0`,
};

/**
 * The comparison builtins written inline, by their definitions (a registry that replaces one
 * under the same name is called like any other builtin).
 */
const COMPARISONS = new Map<BuiltinDef, (a: string, b: string) => string>(
  comparisonBuiltins.flatMap((def) => {
    const inline = INLINE_COMPARISONS[def.decl.name];
    return inline === undefined ? [] : [[def, inline] as const];
  }),
);

/** A string key an object literal and a property read can use as is. */
function plainKey(k: Value): k is string {
  return typeof k === "string" && k !== "__proto__" && !(k in Object.prototype);
}

/**
 * Generates the JavaScript of a body's expressions `from`… for one state of its variables on entry
 * (`bound`: the slots already bound). Iteration becomes nested loops, references become property
 * reads; an expression it cannot express ends the text with a call to the interpreter's step for
 * that expression and the rest of the body.
 */
export function bodySource(
  exprs: readonly IrExpr[],
  from: number,
  tail: BodyTail,
  bound: ReadonlySet<number>,
  links: BodyLinks,
): BodySource {
  const g = new BodyGenerator(exprs, from, tail, bound, links);
  const code = g.from(from, "break B0;");
  if (tail.kind === "return") return directSource(g, code);
  const resets = [...g.bindings].map((s) => `f[${s}] = undefined;`).join(" ");
  const env = g.env.map((_, i) => `e${i} = E[${i}]`).join(", ");
  const text = [
    '"use strict";',
    env === "" ? "" : `const ${env};`,
    "return function generatedBody(h, f, k) {",
    "let r = false;",
    `B0: {\n${code}\n}`,
    resets,
    "return r;",
    "};",
  ].join("\n");
  return { text, env: g.env, onlyFallback: g.startsWithFallback, inlinedCalls: g.inlinedCalls };
}

/**
 * The text of a body run straight through: it returns the head's value, undefined when an
 * expression fails, or COMPLEX when a `data` reference needs the search.
 */
function directSource(g: BodyGenerator, code: string): BodySource {
  const env = g.env.map((_, i) => `e${i} = E[${i}]`).join(", ");
  const text = [
    '"use strict";',
    env === "" ? "" : `const ${env};`,
    "return function generatedDirectBody(h, f) {",
    `B0: {\n${code}\n}`,
    "return undefined;",
    "};",
  ].join("\n");
  return { text, env: g.env, onlyFallback: false, inlinedCalls: g.inlinedCalls };
}

/**
 * Generates the text of a body straight through, for {@link BodyTail} `return`; null when some
 * expression iterates or cannot be generated (the interpreter's direct form runs it then).
 */
export function directBodySource(
  exprs: readonly IrExpr[],
  head: IrTerm,
  bound: ReadonlySet<number>,
  plan?: (fn: FnTarget) => FunctionPlan | null,
): BodySource | null {
  const links: BodyLinks = {
    fallback: () => {
      throw new Unsupported();
    },
    tailStep: undefined,
    plan,
  };
  try {
    return bodySource(exprs, 0, { kind: "return", head }, bound, links);
  } catch (err: unknown) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}

/** What the generators of one text share: its environment, its names, what it inlined. */
interface TextState {
  readonly env: unknown[];
  readonly envIndex: Map<unknown, string>;
  names: number;
  /** Definitions written inline. */
  inlined: number;
  /** Calls written inline. */
  calls: number;
}

class BodyGenerator {
  /** Every slot some path of the text binds: unbound again when the body returns. */
  readonly bindings = new Set<number>();
  /** True when the text begins with the fallback of its first expression. */
  startsWithFallback = false;
  private bound: Set<number>;
  /** The environment name of the location of the expression being generated. */
  private loc = "null";
  /** Locals holding the values of references the current expression iterates. */
  private hoisted = new Map<IrTerm, string>();
  /** The body has no iteration: its own (`return`) or an inlined definition's (`assign`). */
  private readonly straight: boolean;

  constructor(
    private readonly exprs: readonly IrExpr[],
    private readonly start: number,
    private readonly tail: BodyTail | AssignTail,
    bound: ReadonlySet<number>,
    private readonly links: BodyLinks,
    private readonly text: TextState = { env: [], envIndex: new Map(), names: 0, inlined: 0, calls: 0 },
    /** Slot names: the frame's (`f[3]`), or an inlined definition's locals (`i7_3`). */
    private readonly slotPrefix: string | undefined = undefined,
    private readonly depth = 0,
  ) {
    this.bound = new Set(bound);
    this.straight = tail.kind === "return" || tail.kind === "assign";
  }

  get env(): readonly unknown[] {
    return this.text.env;
  }

  get inlinedCalls(): number {
    return this.text.calls;
  }

  /** A variable's place in the text. */
  private slot(s: number): string {
    return this.slotPrefix === undefined ? `f[${s}]` : `${this.slotPrefix}${s}`;
  }

  /** The code of expressions `i`… and the tail; `fail` leaves the innermost iteration. */
  from(i: number, fail: string): string {
    const e = this.exprs[i];
    if (e === undefined) return this.tailCode(fail);
    const saved = new Set(this.bound);
    const savedBindings = new Set(this.bindings);
    try {
      this.hoisted = new Map();
      return this.expr(e, i, fail, (innerFail) => this.from(i + 1, innerFail));
    } catch (err: unknown) {
      if (!(err instanceof Unsupported) || this.straight) throw err;
      this.bound = saved;
      this.bindings.clear();
      for (const s of savedBindings) this.bindings.add(s);
      if (i === this.start) this.startsWithFallback = true;
      return `if (${this.ref(this.links.fallback(i))}(h, f, k)) ${STOP}`;
    }
  }

  private tailCode(fail: string): string {
    if (this.tail.kind === "end") return `if (k()) ${STOP}`;
    if (this.tail.kind === "return") {
      const pre: string[] = [];
      const v = this.value(this.tail.head, "break B0;", pre);
      return `${pre.join("\n")}\nreturn ${v};`;
    }
    if (this.tail.kind === "assign") {
      const { to, conflictAt } = this.tail;
      const pre: string[] = [];
      const v = this.local(this.value(this.tail.head, fail, pre), pre);
      if (conflictAt !== undefined)
        pre.push(`if (${to} !== undefined && !X.valuesEqual(${to}, ${v})) X.conflict(${conflictAt});`);
      pre.push(`${to} = ${v};`);
      return pre.join("\n");
    }
    try {
      // A head without a value skips this solution only: the iteration goes on.
      const pre: string[] = [];
      const v = this.value(this.tail.head, fail, pre);
      return `${pre.join("\n")}\nif (h.sink.add(${v})) ${STOP}`;
    } catch (err: unknown) {
      if (!(err instanceof Unsupported)) throw err;
      return `if (${this.ref(this.links.tailStep)}(h, f, k)) ${STOP}`;
    }
  }

  private expr(e: IrExpr, i: number, fail: string, rest: (fail: string) => string): string {
    if (e.with.length > 0) throw new Unsupported();
    const n = e.node;
    const loc = this.ref(e.loc);
    this.loc = loc;
    if (n.k === "nop") return e.negated ? fail : rest(fail);
    if (e.negated) return `h.tick(${loc});\n${this.negated(n, fail)}\n${rest(fail)}`;
    if (n.k === "every") throw new Unsupported();
    const iterating = this.iterating(n);
    if (iterating.length > 0 && this.straight) throw new Unsupported();
    const mayDefer = iterating.length === 0;
    return `h.tick(${loc});\n${this.hoist(iterating, 0, fail, (f) => this.positive(n, i, f, mayDefer, rest))}`;
  }

  /** A negated expression: it must neither bind nor iterate. */
  private negated(n: IrExprNode, fail: string): string {
    if (n.k === "every" || n.k === "somein" || this.iterating(n).length > 0) throw new Unsupported();
    const label = this.name("N");
    const pre: string[] = [];
    const test = this.test(n, `break ${label};`, pre);
    return `${label}: {\n${pre.join("\n")}\nif (${test}) ${fail}\n}`;
  }

  /** A positive expression after its iteration: binds, tests, then runs the rest. */
  private positive(
    n: IrExprNode,
    i: number,
    fail: string,
    mayDefer: boolean,
    rest: (fail: string) => string,
  ): string {
    const pre: string[] = [];
    const deferTo = mayDefer ? i : -1;
    switch (n.k) {
      case "term": {
        const v = this.value(n.term, fail, pre, deferTo);
        pre.push(`if (${v} === false) ${fail}`);
        return `${pre.join("\n")}\n${rest(fail)}`;
      }
      case "unify": {
        const bind = this.unboundVar(n.a) ?? this.unboundVar(n.b);
        if (bind !== undefined) {
          const other = bind === this.unboundVar(n.a) ? n.b : n.a;
          const v = this.value(other, fail, pre, deferTo);
          pre.push(`${this.slot(bind)} = ${v};`);
          this.bind(bind);
          return `${pre.join("\n")}\n${rest(fail)}`;
        }
        const a = this.value(n.a, fail, pre, deferTo);
        const b = this.value(n.b, fail, pre, deferTo);
        pre.push(`if (!X.valuesEqual(${a}, ${b})) ${fail}`);
        return `${pre.join("\n")}\n${rest(fail)}`;
      }
      case "call": {
        const out = n.out === undefined ? undefined : this.unboundVar(n.out);
        if (out === undefined) {
          const test = this.test(n, fail, pre, deferTo);
          pre.push(`if (!(${test})) ${fail}`);
          return `${pre.join("\n")}\n${rest(fail)}`;
        }
        const v = this.callValue(n.fn, n.args, fail, pre, deferTo);
        pre.push(`${this.slot(out)} = ${v};`);
        this.bind(out);
        return `${pre.join("\n")}\n${rest(fail)}`;
      }
      case "somein":
        return this.someIn(n, fail, pre, rest);
      default:
        throw new Unsupported();
    }
  }

  /** `some k, v in coll` with its variables unbound. */
  private someIn(
    n: IrExprNode & { k: "somein" },
    fail: string,
    pre: string[],
    rest: (fail: string) => string,
  ): string {
    if (this.straight) throw new Unsupported();
    const value = this.unboundVar(n.value);
    const key = n.key === undefined ? -1 : this.unboundVar(n.key);
    if (value === undefined || key === undefined || key === value) throw new Unsupported();
    const coll = this.local(this.value(n.coll, fail, pre), pre);
    const loop = this.loop(coll, key, (loopFail, member) => {
      this.bind(value);
      return `${this.slot(value)} = ${member};\n${rest(loopFail)}`;
    });
    return `${pre.join("\n")}\n${loop}`;
  }

  /**
   * The test of a non-binding expression as a JS condition, after the statements it pushes onto
   * `pre` (which leave with `fail` when a value is undefined).
   */
  private test(n: IrExprNode, fail: string, pre: string[], deferTo = -1): string {
    switch (n.k) {
      case "term":
        return `${this.value(n.term, fail, pre, deferTo)} !== false`;
      case "unify":
        return `X.valuesEqual(${this.value(n.a, fail, pre, deferTo)}, ${this.value(n.b, fail, pre, deferTo)})`;
      case "call": {
        if (n.out !== undefined) {
          const v = this.callValue(n.fn, n.args, fail, pre, deferTo);
          const o = this.value(n.out, fail, pre, deferTo);
          return `X.valuesEqual(${v}, ${o})`;
        }
        const cmp = n.fn.builtin === undefined ? undefined : COMPARISONS.get(n.fn.builtin);
        if (cmp !== undefined && n.args.length === 2) {
          const [a, b] = n.args as [IrTerm, IrTerm];
          return cmp(this.value(a, fail, pre, deferTo), this.value(b, fail, pre, deferTo));
        }
        return `${this.callValue(n.fn, n.args, fail, pre, deferTo)} !== false`;
      }
      default:
        throw new Unsupported();
    }
  }

  /** Nested loops for the references that iterate, then `inner` with their values hoisted. */
  private hoist(refs: readonly IrTerm[], j: number, fail: string, inner: (fail: string) => string): string {
    const t = refs[j];
    if (t === undefined) return inner(fail);
    if (t.k !== "ref") throw new Unsupported();
    const ops = t.ops;
    const walk = (v: string, op: number, walkFail: string): string => {
      const steps: string[] = [];
      for (; op < ops.length; op++) {
        const o = ops[op] as IrTerm;
        if (o.k === "var" && !this.bound.has(o.slot)) {
          const next = op + 1;
          steps.push(this.loop(v, o.slot, (loopFail, member) => walk(member, next, loopFail)));
          return steps.join("\n");
        }
        v = this.step(v, o, walkFail, steps);
      }
      this.hoisted.set(t, v);
      steps.push(this.hoist(refs, j + 1, walkFail, inner));
      return steps.join("\n");
    };
    const pre: string[] = [];
    const base = this.local(this.value(t.base, fail, pre), pre);
    return `${pre.join("\n")}\n${walk(base, 0, fail)}`;
  }

  /**
   * A loop over the collection in local `c`: binds `keySlot` (unless negative) to each key, then
   * runs the code of `inner` with the member's local; unbinds what the iteration bound.
   */
  private loop(c: string, keySlot: number, inner: (fail: string, member: string) => string): string {
    const id = this.text.names++;
    const [ks, vs, len, j, m, label] = ["ks", "vs", "n", "j", "m", "L"].map((p) => `${p}${id}`);
    const before = new Set(this.bound);
    if (keySlot >= 0) this.bind(keySlot);
    const body = inner(`continue ${label};`, m as string);
    const unbind = [...this.bound]
      .filter((s) => !before.has(s))
      .map((s) => `${this.slot(s)} = undefined;`)
      .join(" ");
    return [
      `const ${ks} = Array.isArray(${c}) ? null : X.keysOf(${c});`,
      `const ${vs} = ${ks} === null ? ${c} : X.valuesOf(${c}, ${ks});`,
      `const ${len} = ${vs}.length;`,
      `${label}: for (let ${j} = 0; ${j} < ${len}; ${j}++) {`,
      unbind === "" ? "" : `if (${j} > 0) { ${unbind} }`,
      `h.tick(${this.loc});`,
      keySlot >= 0 ? `${this.slot(keySlot)} = ${ks} === null ? ${j} : ${ks}[${j}];` : "",
      `const ${m} = ${vs}[${j}];`,
      body,
      "}",
      unbind,
    ].join("\n");
  }

  /** A simple name for a value: the expression itself when it is one, else a new local. */
  private local(v: string, pre: string[]): string {
    if (/^[A-Za-z_$][\w$]*$/.test(v)) return v;
    const t = this.name("t");
    pre.push(`const ${t} = ${v};`);
    return t;
  }

  /** One step of a reference from local `v` by operand `o`; pushes the statements, returns the local. */
  private step(v: string, o: IrTerm, fail: string, out: string[]): string {
    const t = this.name("t");
    if (o.k === "const") out.push(`const ${t} = ${this.lookupConst(v, o.v)};`);
    else if (o.k === "var" && this.bound.has(o.slot))
      out.push(`const ${t} = X.lookup(${v}, ${this.slot(o.slot)});`);
    else throw new Unsupported();
    out.push(`if (${t} === undefined) ${fail}`);
    return t;
  }

  private lookupConst(v: string, key: Value): string {
    if (plainKey(key))
      return `(${v} !== null && typeof ${v} === "object" && ${v}.constructor === Object ? ${v}[${JSON.stringify(key)}] : X.lookup(${v}, ${JSON.stringify(key)}))`;
    if (typeof key === "number" && Number.isInteger(key) && key >= 0)
      return `(Array.isArray(${v}) ? ${v}[${key}] : X.lookup(${v}, ${key}))`;
    return `X.lookup(${v}, ${this.literal(key)})`;
  }

  /**
   * The value of a term as a JS expression (a local or a literal), after the statements it pushes
   * onto `pre`. An undefined value leaves with `fail`. `deferTo` (an expression index, or -1) lets
   * a `data` reference hand the whole expression to the interpreter when it needs the search.
   */
  private value(t: IrTerm, fail: string, pre: string[], deferTo = -1): string {
    const hoisted = this.hoisted.get(t);
    if (hoisted !== undefined) return hoisted;
    switch (t.k) {
      case "const":
        return this.literal(t.v);
      case "var":
        if (!this.bound.has(t.slot)) throw new Unsupported();
        return this.slot(t.slot);
      case "input": {
        const v = this.name("t");
        pre.push(`const ${v} = h.currentInput();`, `if (${v} === undefined) ${fail}`);
        return v;
      }
      case "ref":
        return this.refValue(t, fail, pre, deferTo);
      case "array": {
        const items = t.items.map((x) => this.value(x, fail, pre, deferTo));
        return `[${items.join(", ")}]`;
      }
      case "set": {
        const items = t.items.map((x) => this.value(x, fail, pre, deferTo));
        return `X.setOf([${items.join(", ")}])`;
      }
      case "object": {
        const keys = t.entries.map(([k]) => (k.k === "const" ? k.v : undefined));
        const simple =
          keys.every((k) => k !== undefined && plainKey(k)) && new Set(keys).size === keys.length;
        const parts = t.entries.map(
          ([k, v]) => [this.value(k, fail, pre, deferTo), this.value(v, fail, pre, deferTo)] as const,
        );
        if (simple) return `{ ${parts.map(([k, v]) => `${k}: ${v}`).join(", ")} }`;
        return `X.objectOf([${parts.map(([k, v]) => `${k}, ${v}`).join(", ")}])`;
      }
      case "call":
        return this.callValue(t.fn, t.args, fail, pre, deferTo);
      case "arraycomp":
      case "setcomp": {
        if (this.slotPrefix !== undefined) throw new Unsupported();
        const v = this.name("t");
        pre.push(`const ${v} = h.comprehension(${this.ref(t)}, f);`);
        return v;
      }
      default:
        throw new Unsupported();
    }
  }

  private refValue(t: IrTerm & { k: "ref" }, fail: string, pre: string[], deferTo: number): string {
    if (t.base.k === "data") {
      if (this.tail.kind === "assign" || (deferTo < 0 && this.tail.kind !== "return"))
        throw new Unsupported();
      for (const o of t.ops)
        if (o.k !== "const" && !(o.k === "var" && this.bound.has(o.slot))) throw new Unsupported();
      const v = this.name("t");
      pre.push(
        `const ${v} = h.dataRef(${this.ref(t.ops)}, f);`,
        this.tail.kind === "return"
          ? `if (${v} === X.COMPLEX) return X.COMPLEX;`
          : `if (${v} === X.COMPLEX) { if (${this.ref(this.links.fallback(deferTo))}(h, f, k)) ${STOP} ${fail} }`,
        `if (${v} === undefined) ${fail}`,
      );
      return v;
    }
    let v = this.local(this.value(t.base, fail, pre, deferTo), pre);
    for (const o of t.ops) v = this.step(v, o, fail, pre);
    return v;
  }

  private callValue(
    fn: FnTarget,
    args: readonly IrTerm[],
    fail: string,
    pre: string[],
    deferTo = -1,
  ): string {
    if (fn.name === "print" || fn.builtin?.decl.relation) throw new Unsupported();
    const vals = args.map((a) => this.value(a, fail, pre, deferTo));
    const inlined = fn.builtin === undefined ? this.inlineCall(fn, vals, fail, pre) : undefined;
    if (inlined !== undefined) return inlined;
    const site: CallSite = { fn, plan: undefined };
    const v = this.name("t");
    pre.push(
      `const ${v} = h.callOnce(${this.ref(site)}, [${vals.join(", ")}], ${this.loc});`,
      `if (${v} === undefined) ${fail}`,
    );
    return v;
  }

  /**
   * A call of a user function written inline (see {@link inlinableDefinitions}): each definition
   * in a labelled block with its variables as locals, a failed expression leaving the block. The
   * result is the local returned; undefined when the call has to go through the host.
   */
  private inlineCall(fn: FnTarget, vals: readonly string[], fail: string, pre: string[]): string | undefined {
    const plan = this.links.plan?.(fn);
    if (plan === undefined || plan === null || this.depth >= MAX_INLINE_DEPTH) return undefined;
    const rules = inlinableDefinitions(plan, vals.length);
    if (rules === null || this.text.inlined + rules.length > MAX_INLINED) return undefined;
    const first = rules[0]?.value;
    const sameConstant =
      first?.k === "const" && rules.every((r) => r.value.k === "const" && r.value.v === first.v);
    const result = this.name("r");
    const code: string[] = [];
    const args = vals.map((v) => this.local(v, code));
    code.push(`let ${result};`);
    try {
      for (const [d, rule] of rules.entries()) {
        const block = this.name("D");
        const prefix = `${this.name("i")}_`;
        const leave = `break ${block};`;
        const bound = new Set<number>();
        const head: string[] = [];
        rule.args.forEach((a, i) => {
          const v = args[i] as string;
          if (a.k === "const") head.push(`if (!X.valuesEqual(${v}, ${this.literal(a.v)})) ${leave}`);
          else if (a.k !== "var") throw new Unsupported();
          else if (bound.has(a.slot)) head.push(`if (!X.valuesEqual(${prefix}${a.slot}, ${v})) ${leave}`);
          else {
            bound.add(a.slot);
            head.push(`${prefix}${a.slot} = ${v};`);
          }
        });
        const tail: AssignTail = {
          kind: "assign",
          head: rule.value,
          to: result,
          conflictAt: d === 0 || sameConstant ? undefined : this.ref(rule.loc),
        };
        const child = new BodyGenerator(
          rule.body,
          0,
          tail,
          bound,
          this.links,
          this.text,
          prefix,
          this.depth + 1,
        );
        const body = child.from(0, leave);
        const locals = Array.from({ length: rule.slots }, (_, s) => `${prefix}${s}`).join(", ");
        code.push(`${block}: {`, rule.slots > 0 ? `let ${locals};` : "", ...head, body, "}");
        this.text.inlined++;
      }
    } catch (err: unknown) {
      if (err instanceof Unsupported) return undefined;
      throw err;
    }
    pre.push(...code, `if (${result} === undefined) ${fail}`);
    this.text.calls++;
    return result;
  }

  /** References in an expression that iterate now (an operand variable is unbound), in order. */
  private iterating(n: IrExprNode): IrTerm[] {
    const found: IrTerm[] = [];
    const seen = new Set(this.bound);
    const visit = (t: IrTerm): void => {
      if (t.k !== "ref") {
        for (const x of subterms(t)) visit(x);
        return;
      }
      visit(t.base);
      let iterates = false;
      for (const o of t.ops) {
        if (o.k === "var" && !seen.has(o.slot)) {
          iterates = true;
          seen.add(o.slot);
        } else visit(o);
      }
      if (iterates) found.push(t);
    };
    for (const t of exprTerms(n)) visit(t);
    return found;
  }

  private unboundVar(t: IrTerm): number | undefined {
    return t.k === "var" && !this.bound.has(t.slot) ? t.slot : undefined;
  }

  private bind(slot: number): void {
    this.bound.add(slot);
    this.bindings.add(slot);
  }

  private literal(v: Value): string {
    if (v === null || typeof v === "boolean") return String(v);
    if (typeof v === "string") return JSON.stringify(v);
    if (typeof v === "number" && Number.isFinite(v) && !Object.is(v, -0)) return String(v);
    return this.ref(v);
  }

  /** A name for a value the text refers to (kept in the environment). */
  private ref(x: unknown): string {
    const { env, envIndex } = this.text;
    const known = envIndex.get(x);
    if (known !== undefined) return known;
    const name = `e${env.length}`;
    env.push(x);
    envIndex.set(x, name);
    return name;
  }

  private name(prefix: string): string {
    return `${prefix}${this.text.names++}`;
  }
}
