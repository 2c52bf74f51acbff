import type { Constraint, Problem, TemplateSummary, TemplatesResponse } from "./api-types.js";
import { enforcementActionOf } from "./constraint-info.js";
import { compareStrings } from "./lists.js";

/** The constraints of one enforcement action and their violations in the latest audit. */
export interface ActionTotal {
  readonly action: string;
  readonly constraints: number;
  /** Sum of `status.totalViolations` of those audited. */
  readonly violations: number;
  /** How many of them an audit has seen. */
  readonly audited: number;
}

const ACTION_ORDER = ["deny", "warn", "dryrun", "scoped"];

/** Orders actions deny, warn, dryrun, scoped, then any other alphabetically. */
export function compareActions(a: string, b: string): number {
  const ia = ACTION_ORDER.indexOf(a);
  const ib = ACTION_ORDER.indexOf(b);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? ACTION_ORDER.length : ia) - (ib < 0 ? ACTION_ORDER.length : ib);
  return compareStrings(a, b);
}

/** Constraints and violations per enforcement action (a scoped constraint counts under `scoped`). */
export function totalsByAction(constraints: readonly Constraint[]): ActionTotal[] {
  const totals = new Map<string, { constraints: number; violations: number; audited: number }>();
  for (const c of constraints) {
    const action = enforcementActionOf(c);
    const t = totals.get(action) ?? { constraints: 0, violations: 0, audited: 0 };
    t.constraints++;
    if (c.status) {
      t.audited++;
      t.violations += c.status.totalViolations;
    }
    totals.set(action, t);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => compareActions(a, b))
    .map(([action, t]) => ({ action, ...t }));
}

/** The sum of a template's constraints' violations, null when none of them has been audited. */
export function templateViolations(t: TemplateSummary): number | null {
  let sum: number | null = null;
  for (const c of t.constraints) if (c.totalViolations !== null) sum = (sum ?? 0) + c.totalViolations;
  return sum;
}

function problemKey(p: Problem): string {
  return JSON.stringify([p.file, p.line ?? null, p.col ?? null, p.code, p.message]);
}

/** Every policy load problem: the list's own and each template's, each once, ordered by file and place. */
export function allProblems(response: TemplatesResponse): Problem[] {
  const seen = new Map<string, Problem>();
  for (const p of [...response.problems, ...response.templates.flatMap((t) => t.problems)]) {
    const key = problemKey(p);
    if (!seen.has(key)) seen.set(key, p);
  }
  return [...seen.values()].sort(
    (a, b) => compareStrings(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
}
