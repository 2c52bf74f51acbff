import type { Constraint } from "./api-types.js";
import { arrayAt, isObject, stringAt } from "./json.js";

/** An entry of `spec.scopedEnforcementActions`: an action and the enforcement points it applies at. */
export interface ScopedAction {
  readonly action: string;
  readonly points: readonly string[];
}

/** The action shown for a constraint whose spec is not loaded (known only from an audit). */
export const UNKNOWN_ACTION = "unknown";

/**
 * `spec.enforcementAction`, `deny` when it is not set (as Gatekeeper defaults it), and
 * {@link UNKNOWN_ACTION} when the constraint is not loaded.
 */
export function enforcementActionOf(c: Constraint): string {
  if (c.spec === undefined) return UNKNOWN_ACTION;
  return stringAt(c.spec, "enforcementAction") || "deny";
}

/** `spec.scopedEnforcementActions`, entries without an action left out. */
export function scopedActionsOf(c: Constraint): ScopedAction[] {
  const out: ScopedAction[] = [];
  for (const entry of arrayAt(c.spec, "scopedEnforcementActions")) {
    const action = stringAt(entry, "action");
    if (action === undefined) continue;
    const points = arrayAt(entry, "enforcementPoints")
      .map((p) => stringAt(p, "name"))
      .filter((name): name is string => name !== undefined);
    out.push({ action, points });
  }
  return out;
}

/** `spec.match` and `spec.parameters` as written, undefined when absent. */
export function matchAndParameters(c: Constraint): { match: unknown; parameters: unknown } {
  const spec = isObject(c.spec) ? c.spec : {};
  return { match: spec.match, parameters: spec.parameters };
}

/** The name of a constraint kind's template: the kind lowercased, as Gatekeeper requires. */
export function templateNameOfKind(kind: string): string {
  return kind.toLowerCase();
}
