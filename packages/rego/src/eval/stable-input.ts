import type { DocNode, IrBody, IrExprNode, IrTerm } from "../compiler/ir.js";
import type { Value } from "../value/value.js";
import { pureCall } from "./purity.js";

/** An array or set comprehension. */
export type ComprehensionTerm = IrTerm & { k: "arraycomp" | "setcomp" };

/** What a comprehension reads, worked out for the stable input key last asked about. */
interface Shape {
  readonly key: string;
  /** It reads nothing of `input` but `input[key]`, no `data`, and calls only pure functions. */
  readonly stable: boolean;
  /** Every variable slot it uses (none may be bound on entry for its value to be stable). */
  readonly slots: readonly number[];
}

const shapes = new WeakMap<IrTerm, Shape>();

/**
 * How `t` depends on `input[key]` (a query's `stableInput`): stable when its value
 * depends on that value alone, given that none of its variables is bound on entry.
 */
export function comprehensionShape(t: ComprehensionTerm, key: string, root: DocNode): Shape {
  let shape = shapes.get(t);
  if (shape === undefined || shape.key !== key) {
    const slots = new Set<number>();
    const stable = new ShapeWalk(key, root, slots).term(t);
    shape = { key, stable, slots: [...slots] };
    shapes.set(t, shape);
  }
  return shape;
}

class ShapeWalk {
  constructor(
    private readonly key: string,
    private readonly root: DocNode,
    private readonly slots: Set<number>,
  ) {}

  term(t: IrTerm): boolean {
    switch (t.k) {
      case "const":
        return true;
      case "var":
        this.slots.add(t.slot);
        return true;
      case "input":
      case "data":
      case "withterm":
        return false;
      case "ref": {
        if (t.base.k !== "input") return this.term(t.base) && this.terms(t.ops);
        const first = t.ops[0];
        return first?.k === "const" && first.v === this.key && this.terms(t.ops.slice(1));
      }
      case "array":
      case "set":
        return this.terms(t.items);
      case "object":
        return t.entries.every(([k, v]) => this.term(k) && this.term(v));
      case "arraycomp":
      case "setcomp":
        return this.term(t.head) && this.body(t.body);
      case "objectcomp":
        return this.term(t.key) && this.term(t.value) && this.body(t.body);
      case "call":
        return pureCall(t.fn, this.root) && this.terms(t.args);
      case "template":
        return t.parts.every((p) => typeof p === "string" || this.term(p));
    }
  }

  private terms(ts: readonly IrTerm[]): boolean {
    return ts.every((t) => this.term(t));
  }

  private body(body: IrBody): boolean {
    return body.every((e) => e.with.length === 0 && this.node(e.node));
  }

  private node(n: IrExprNode): boolean {
    switch (n.k) {
      case "term":
        return this.term(n.term);
      case "unify":
        return this.term(n.a) && this.term(n.b);
      case "call":
        return pureCall(n.fn, this.root) && this.terms(n.args) && (n.out === undefined || this.term(n.out));
      case "somein":
        return (n.key === undefined || this.term(n.key)) && this.term(n.value) && this.term(n.coll);
      case "every":
        return (
          (n.key === undefined || this.term(n.key)) &&
          this.term(n.value) &&
          this.term(n.domain) &&
          this.body(n.body)
        );
      case "nop":
        return true;
    }
  }
}

/** Comprehension values by the stable input value they were computed from (lenient, strict). */
const kept = new WeakMap<object, readonly [Map<IrTerm, Value>, Map<IrTerm, Value>]>();

/** The values kept for comprehensions computed from `stable`, with strict builtin errors or not. */
export function keptComprehensions(stable: object, strict: boolean): Map<IrTerm, Value> {
  let pair = kept.get(stable);
  if (pair === undefined) {
    pair = [new Map(), new Map()];
    kept.set(stable, pair);
  }
  return pair[strict ? 1 : 0];
}
