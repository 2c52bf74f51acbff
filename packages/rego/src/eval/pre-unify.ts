import type { IrTerm } from "../compiler/ir.js";
import { type Value, valuesEqual } from "../value/value.js";
import type { Frame } from "./eval-types.js";

/**
 * Binds the variables of a rule's head value that a reference's key pattern fixes, before the
 * rule's body runs (OPA's `evalOneRulePreUnify`): in `p[{"msg": m, "field": "containers"}]`,
 * the head `{"msg": msg, "field": field}` gets `field = "containers"`. Only constants and bound
 * variables of the pattern are used; every solution is still matched against the whole pattern
 * afterwards, so this only narrows the search. False when the head cannot match the pattern.
 */
export function preUnify(head: IrTerm, pattern: IrTerm, callerFrame: Frame, ruleFrame: Frame): boolean {
  switch (head.k) {
    case "var": {
      const v = groundValue(pattern, callerFrame);
      if (v === undefined) return true;
      const cur = ruleFrame[head.slot];
      if (cur === undefined) {
        ruleFrame[head.slot] = v;
        return true;
      }
      return valuesEqual(cur, v);
    }
    case "const": {
      const v = groundValue(pattern, callerFrame);
      return v === undefined || valuesEqual(head.v, v);
    }
    case "array":
      if (pattern.k !== "array") return true;
      if (pattern.items.length !== head.items.length) return false;
      for (let i = 0; i < head.items.length; i++)
        if (!preUnify(head.items[i] as IrTerm, pattern.items[i] as IrTerm, callerFrame, ruleFrame))
          return false;
      return true;
    case "object":
      if (pattern.k !== "object") return true;
      if (pattern.entries.length !== head.entries.length) return false;
      for (const [pk, pv] of pattern.entries) {
        if (pk.k !== "const") continue;
        const value = headValueAt(head.entries, pk.v);
        if (value === null) return false;
        if (value !== undefined && !preUnify(value, pv, callerFrame, ruleFrame)) return false;
      }
      return true;
    default:
      return true;
  }
}

/** The value of a pattern part that is a constant or a bound variable. */
function groundValue(t: IrTerm, frame: Frame): Value | undefined {
  if (t.k === "const") return t.v;
  if (t.k === "var") return frame[t.slot];
  return undefined;
}

/**
 * The head's value term under a constant key; undefined when a key that is not constant might be
 * it, null when no key can be.
 */
function headValueAt(entries: readonly (readonly [IrTerm, IrTerm])[], key: Value): IrTerm | null | undefined {
  let open = false;
  for (const [hk, hv] of entries) {
    if (hk.k !== "const") open = true;
    else if (valuesEqual(hk.v, key)) return hv;
  }
  return open ? undefined : null;
}
