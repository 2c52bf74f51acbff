import { isObject } from "./json-util.js";

/** Enforcement actions a constraint may declare (b5). */
export const ENFORCEMENT_ACTIONS: readonly string[] = ["deny", "dryrun", "warn", "scoped"];
/** The action when `enforcementAction` is empty. */
export const DEFAULT_ENFORCEMENT_ACTION = "deny";

/** Enforcement points. */
export const ENFORCEMENT_POINTS = {
  webhook: "validation.gatekeeper.sh",
  audit: "audit.gatekeeper.sh",
  gator: "gator.gatekeeper.sh",
  vap: "vap.k8s.io",
  all: "*",
} as const;

/** One enforcement point by name. */
export type EnforcementPoint = string;

const KNOWN_POINTS: ReadonlySet<string> = new Set(Object.values(ENFORCEMENT_POINTS));
const SCOPED_ACTIONS: ReadonlySet<string> = new Set(["deny", "dryrun", "warn"]);

/** `spec.scopedEnforcementActions[]`. */
export interface ScopedEnforcementAction {
  readonly action: string;
  readonly enforcementPoints: readonly { readonly name: string }[];
}

/** The enforcement settings of a constraint, read and validated. */
export interface Enforcement {
  /** `spec.enforcementAction`, defaulted to `deny`. */
  readonly action: string;
  /** `spec.scopedEnforcementActions` (kept even when the action is not `scoped`). */
  readonly scoped: readonly ScopedEnforcementAction[];
}

/**
 * Reads `spec.enforcementAction` and `spec.scopedEnforcementActions`, returning problems found.
 * The action must be deny, dryrun, warn or scoped; `scoped` needs at least one scoped action,
 * each naming deny/dryrun/warn and known enforcement points.
 */
export function readEnforcement(spec: unknown): { enforcement: Enforcement; problems: string[] } {
  const problems: string[] = [];
  const raw = isObject(spec) ? spec.enforcementAction : undefined;
  let action = DEFAULT_ENFORCEMENT_ACTION;
  if (raw !== undefined && raw !== null && raw !== "") {
    if (typeof raw !== "string") problems.push("spec.enforcementAction must be a string");
    else {
      action = raw;
      if (!ENFORCEMENT_ACTIONS.includes(raw)) {
        problems.push(
          `unrecognized enforcementAction "${raw}": use one of ${ENFORCEMENT_ACTIONS.join(", ")}`,
        );
      }
    }
  }
  const scoped: ScopedEnforcementAction[] = [];
  const rawScoped = isObject(spec) ? spec.scopedEnforcementActions : undefined;
  if (rawScoped !== undefined && rawScoped !== null) {
    if (!Array.isArray(rawScoped)) problems.push("spec.scopedEnforcementActions must be a list");
    else
      rawScoped.forEach((s: unknown, i: number) => {
        const at = `spec.scopedEnforcementActions[${i}]`;
        if (!isObject(s) || typeof s.action !== "string") {
          problems.push(`${at}.action is required`);
          return;
        }
        const points: { name: string }[] = [];
        if (Array.isArray(s.enforcementPoints)) {
          s.enforcementPoints.forEach((p: unknown, j: number) => {
            const name = isObject(p) ? p.name : undefined;
            if (typeof name !== "string") problems.push(`${at}.enforcementPoints[${j}].name is required`);
            else points.push({ name });
          });
        }
        scoped.push({ action: s.action, enforcementPoints: points });
        if (action === "scoped") {
          if (!SCOPED_ACTIONS.has(s.action))
            problems.push(`${at}: unrecognized action "${s.action}": use deny, dryrun or warn`);
          if (points.length === 0) problems.push(`${at}.enforcementPoints must not be empty`);
          for (const p of points) {
            if (!KNOWN_POINTS.has(p.name)) problems.push(`${at}: unrecognized enforcement point "${p.name}"`);
          }
        }
      });
  }
  if (action === "scoped" && scoped.length === 0) {
    problems.push(`enforcementAction "scoped" requires spec.scopedEnforcementActions`);
  }
  return { enforcement: { action, scoped }, problems };
}

/**
 * The actions a constraint takes at one enforcement point: its action, or for `scoped` the union
 * of the scoped actions listing the point (or `*`), in declaration order. Empty means the
 * constraint is skipped at that point.
 */
export function actionsAt(enforcement: Enforcement, point: EnforcementPoint): readonly string[] {
  if (enforcement.action !== "scoped") return [enforcement.action];
  const out: string[] = [];
  for (const s of enforcement.scoped) {
    if (out.includes(s.action)) continue;
    if (
      s.enforcementPoints.some(
        (p) => p.name === point || p.name === ENFORCEMENT_POINTS.all || point === ENFORCEMENT_POINTS.all,
      )
    ) {
      out.push(s.action);
    }
  }
  return out;
}

/** True when a result with these actions denies (action `deny`, or `scoped` with `deny` among them). */
export function isDeny(action: string, scopedActions: readonly string[]): boolean {
  return action === "deny" || (action === "scoped" && scopedActions.includes("deny"));
}

/** True when a result with these actions warns. */
export function isWarn(action: string, scopedActions: readonly string[]): boolean {
  return action === "warn" || (action === "scoped" && scopedActions.includes("warn"));
}
