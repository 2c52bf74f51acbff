import type { IrExpr, IrExprNode, IrTerm } from "./ir.js";

/** Expressions moved into another rule's frame, and that frame's size with their variables. */
export interface MovedExpressions {
  readonly exprs: readonly IrExpr[];
  readonly slots: number;
}

/**
 * Moves expressions into a frame of `slots` slots: each of their variables gets a slot after the
 * frame's own, or the slot `preset` names for it. Undefined when one uses a variable of `kept`
 * (which the frame binds otherwise), has `with`, calls `print`, or holds terms other than
 * references, calls, collections, constants and variables.
 */
export function moveExpressions(
  exprs: readonly IrExpr[],
  kept: ReadonlySet<number>,
  slots: number,
  preset: ReadonlyMap<number, number> = new Map(),
): MovedExpressions | undefined {
  const renamed = new Map<number, number>(preset);
  let next = slots;
  const slotOf = (slot: number): number | undefined => {
    if (kept.has(slot)) return undefined;
    let s = renamed.get(slot);
    if (s === undefined) {
      s = next++;
      renamed.set(slot, s);
    }
    return s;
  };
  const out: IrExpr[] = [];
  for (const e of exprs) {
    if (e.with.length > 0) return undefined;
    const node = renameNode(e.node, slotOf);
    if (node === undefined) return undefined;
    out.push({ ...e, node });
  }
  return { exprs: out, slots: next };
}

type SlotMap = (slot: number) => number | undefined;

function renameNode(n: IrExprNode, slotOf: SlotMap): IrExprNode | undefined {
  switch (n.k) {
    case "nop":
      return n;
    case "term": {
      const term = renameTerm(n.term, slotOf);
      return term === undefined ? undefined : { ...n, term };
    }
    case "unify": {
      const a = renameTerm(n.a, slotOf);
      const b = renameTerm(n.b, slotOf);
      return a === undefined || b === undefined ? undefined : { ...n, a, b };
    }
    case "call": {
      // Moved expressions may run more often than where they were written: print would show it.
      if (n.fn.name === "print") return undefined;
      const args = renameTerms(n.args, slotOf);
      const out = n.out === undefined ? undefined : renameTerm(n.out, slotOf);
      if (args === undefined || (n.out !== undefined && out === undefined)) return undefined;
      return { ...n, args, out };
    }
    default:
      return undefined;
  }
}

function renameTerms(ts: readonly IrTerm[], slotOf: SlotMap): IrTerm[] | undefined {
  const out: IrTerm[] = [];
  for (const t of ts) {
    const r = renameTerm(t, slotOf);
    if (r === undefined) return undefined;
    out.push(r);
  }
  return out;
}

function renameTerm(t: IrTerm, slotOf: SlotMap): IrTerm | undefined {
  switch (t.k) {
    case "const":
    case "input":
    case "data":
      return t;
    case "var": {
      const slot = slotOf(t.slot);
      return slot === undefined ? undefined : { ...t, slot };
    }
    case "ref": {
      const base = renameTerm(t.base, slotOf);
      const ops = renameTerms(t.ops, slotOf);
      return base === undefined || ops === undefined ? undefined : { ...t, base, ops };
    }
    case "array":
    case "set": {
      const items = renameTerms(t.items, slotOf);
      return items === undefined ? undefined : { ...t, items };
    }
    case "object": {
      const entries: (readonly [IrTerm, IrTerm])[] = [];
      for (const [k, v] of t.entries) {
        const rk = renameTerm(k, slotOf);
        const rv = renameTerm(v, slotOf);
        if (rk === undefined || rv === undefined) return undefined;
        entries.push([rk, rv]);
      }
      return { ...t, entries };
    }
    case "call": {
      const args = renameTerms(t.args, slotOf);
      return args === undefined ? undefined : { ...t, args };
    }
    default:
      return undefined;
  }
}
