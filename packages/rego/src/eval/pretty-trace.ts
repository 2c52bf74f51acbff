import type { TraceEvent } from "./tracer.js";

/** How much of a trace to show, as `opa eval --explain` names it. */
export type ExplainMode = "full" | "notes" | "fails";

/** The explain modes, for command-line choices. */
export const EXPLAIN_MODES: readonly ExplainMode[] = ["full", "notes", "fails"];

/** Room between the location column and the events. */
const LOCATION_PADDING = 4;

/**
 * A trace as text, one line per event, as OPA's pretty tracer lays it out: `| ` once per level
 * of nesting, Enter (and the Redo of a rule or query) one level left of the events inside it.
 * With `locations`, each line starts with `file:row` in a column as wide as the longest.
 */
export function prettyTrace(events: readonly TraceEvent[], options: { locations?: boolean } = {}): string[] {
  const lines = events.map(eventText);
  if (options.locations !== true) return lines;
  const where = events.map((e) => (e.location === undefined ? "" : `${e.location.file}:${e.location.row}`));
  const width = Math.max(0, ...where.map((w) => w.length)) + LOCATION_PADDING;
  return lines.map((line, i) => `${(where[i] ?? "").padEnd(width)}${line}`);
}

function eventText(e: TraceEvent): string {
  const outer = e.op === "Enter" || (e.op === "Redo" && e.kind !== "expr");
  const levels = outer ? e.depth - 1 : e.depth;
  const padding = "| ".repeat(Math.max(0, levels));
  if (e.op === "Note") return `${padding}Note ${JSON.stringify(e.node)}`;
  return e.message === undefined ? `${padding}${e.op} ${e.node}` : `${padding}${e.op} ${e.node} ${e.message}`;
}

/**
 * The events a mode keeps: all of them (full), or only notes or failures with the Enter events of
 * the queries that led to them, so each stays in context.
 */
export function explainEvents(events: readonly TraceEvent[], mode: ExplainMode): TraceEvent[] {
  if (mode === "full") return events.slice();
  const wanted = mode === "notes" ? "Note" : "Fail";
  const enters = new Map<number, TraceEvent>();
  const parents = new Map<number, number>();
  const keep = new Set<TraceEvent>();
  for (const e of events) {
    parents.set(e.queryId, e.parentId);
    if (e.op === "Enter" && !enters.has(e.queryId)) enters.set(e.queryId, e);
    if (e.op !== wanted) continue;
    keep.add(e);
    for (let q: number | undefined = e.queryId; q !== undefined && q !== 0; q = parents.get(q)) {
      const enter = enters.get(q);
      if (enter !== undefined) keep.add(enter);
    }
  }
  return events.filter((e) => keep.has(e));
}
