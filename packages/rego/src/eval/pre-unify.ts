import type { IrRule, IrTerm } from "../compiler/ir.js";
import { type Value, valuesEqual } from "../value/value.js";
import type { Frame } from "./eval-types.js";

/**
 * Binds the variables of a rule's head value that a reference's key pattern fixes, before the
 * rule's body runs (OPA's `evalOneRulePreUnify`): in `p[{"msg": m, "field": "containers"}]`,
 * the head `{"msg": msg, "field": field}` gets `field = "containers"`. Only constants and bound
 * variables of the pattern are used; every solution is still matched against the whole pattern
 * afterwards, so this only narrows the search. False when the head cannot match the pattern.
 */
export type PreUnify = (callerFrame: Frame, ruleFrame: Frame) => boolean;

const ALWAYS: PreUnify = () => true;
const NEVER: PreUnify = () => false;

const compiled = new WeakMap<IrTerm, WeakMap<IrTerm, PreUnify>>();

/**
 * The {@link PreUnify} of a head against a pattern, worked out once: which head variables take
 * which constants or caller variables, and which parts can never match.
 */
export function preUnifier(head: IrTerm, pattern: IrTerm): PreUnify {
  let byPattern = compiled.get(head);
  if (byPattern === undefined) {
    byPattern = new WeakMap();
    compiled.set(head, byPattern);
  }
  let fn = byPattern.get(pattern);
  if (fn === undefined) {
    fn = compile(head, pattern);
    byPattern.set(pattern, fn);
  }
  return fn;
}

/** The unifiers of a list of rules against one pattern, as last asked for at that pattern. */
interface RuleUnifiers {
  readonly rules: readonly IrRule[];
  readonly unifiers: readonly PreUnify[];
}

const byPatternSite = new WeakMap<IrTerm, RuleUnifiers>();

/**
 * {@link preUnifier} of each rule's head against `pattern`, in the rules' order. A reference
 * site asks with the same few rule lists (a node's rules, or its index's lists) every time: the
 * last list is kept at the pattern, so a repeated call costs one lookup, not two per rule.
 */
export function ruleUnifiers(rules: readonly IrRule[], pattern: IrTerm): readonly PreUnify[] {
  const kept = byPatternSite.get(pattern);
  if (kept !== undefined && kept.rules === rules) return kept.unifiers;
  const unifiers = rules.map((rule) => preUnifier(rule.value, pattern));
  byPatternSite.set(pattern, { rules, unifiers });
  return unifiers;
}

function compile(head: IrTerm, pattern: IrTerm): PreUnify {
  switch (head.k) {
    case "var": {
      const slot = head.slot;
      const ground = groundValue(pattern);
      if (ground === undefined) return ALWAYS;
      return (cf, rf) => {
        const v = ground(cf);
        if (v === undefined) return true;
        const cur = rf[slot];
        if (cur === undefined) {
          rf[slot] = v;
          return true;
        }
        return valuesEqual(cur, v);
      };
    }
    case "const": {
      if (pattern.k === "const") return valuesEqual(head.v, pattern.v) ? ALWAYS : NEVER;
      const ground = groundValue(pattern);
      if (ground === undefined) return ALWAYS;
      const c = head.v;
      return (cf) => {
        const v = ground(cf);
        return v === undefined || valuesEqual(c, v);
      };
    }
    case "array":
      if (pattern.k !== "array") return ALWAYS;
      if (pattern.items.length !== head.items.length) return NEVER;
      return all(head.items.map((h, i) => compile(h, pattern.items[i] as IrTerm)));
    case "object": {
      if (pattern.k !== "object") return ALWAYS;
      if (pattern.entries.length !== head.entries.length) return NEVER;
      const parts: PreUnify[] = [];
      for (const [pk, pv] of pattern.entries) {
        if (pk.k !== "const") continue;
        const value = headValueAt(head.entries, pk.v);
        if (value === null) return NEVER;
        if (value !== undefined) parts.push(compile(value, pv));
      }
      return all(parts);
    }
    default:
      return ALWAYS;
  }
}

function all(parts: PreUnify[]): PreUnify {
  const live = parts.filter((p) => p !== ALWAYS);
  if (live.includes(NEVER)) return NEVER;
  if (live.length === 0) return ALWAYS;
  if (live.length === 1) return live[0] as PreUnify;
  return (cf, rf) => {
    for (const p of live) if (!p(cf, rf)) return false;
    return true;
  };
}

/** Reads a pattern part that is a constant or a variable (undefined while unbound); undefined for others. */
function groundValue(t: IrTerm): ((cf: Frame) => Value | undefined) | undefined {
  if (t.k === "const") {
    const v = t.v;
    return () => v;
  }
  if (t.k === "var") {
    const slot = t.slot;
    return (cf) => cf[slot];
  }
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
