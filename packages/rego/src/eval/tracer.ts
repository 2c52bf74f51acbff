import type { Location } from "../location.js";

/**
 * What happened at a step of evaluation, as OPA's tracer names it: a query or rule body entered,
 * left with a solution (Exit) or resumed for another (Redo); an expression evaluated, failed, or
 * resumed; the rules an index picked for a document; a `trace()` note.
 */
export type TraceOp = "Enter" | "Exit" | "Eval" | "Redo" | "Fail" | "Index" | "Note";

/** What an event is about: an expression, a rule or function, or a whole query. */
export type TraceNodeKind = "expr" | "rule" | "query";

/** One event of an evaluation trace. */
export interface TraceEvent {
  readonly op: TraceOp;
  /** The query (or rule body) the event belongs to; the top-level query is 1. */
  readonly queryId: number;
  /** The query that started this one (0 for the top-level query). */
  readonly parentId: number;
  /** Nesting: 1 for the top-level query, one more for each rule body or comprehension below. */
  readonly depth: number;
  readonly kind: TraceNodeKind;
  /** The expression or query as Rego text, or the rule's path (`data.pkg.p`); the note for Note. */
  readonly node: string;
  readonly location: Location | undefined;
  /** Extra text: the rule count of an Index event. */
  readonly message?: string;
}

interface QueryFrame {
  readonly id: number;
  readonly parent: number;
  readonly depth: number;
}

const TOP: QueryFrame = { id: 1, parent: 0, depth: 1 };

/**
 * Collects the events of one or more evaluations (pass it as `EvalRequest.tracer`). Evaluation
 * with a tracer runs every body through the interpreter, one expression at a time, so traces
 * follow the written rules; it is for debugging, not for serving.
 */
export class Tracer {
  readonly events: TraceEvent[] = [];
  private current: QueryFrame = TOP;
  private lastId = 1;
  /** Where the last event with a location happened: where a note without one is placed. */
  private lastLocation: Location | undefined;

  /** Records an event in the query running now; without a location, at the last one recorded. */
  event(
    op: TraceOp,
    kind: TraceNodeKind,
    node: string,
    location: Location | undefined,
    message?: string,
  ): void {
    const q = this.current;
    if (location !== undefined) this.lastLocation = location;
    const at = location ?? this.lastLocation;
    const e: TraceEvent = { op, queryId: q.id, parentId: q.parent, depth: q.depth, kind, node, location: at };
    this.events.push(message === undefined ? e : { ...e, message });
  }

  /** Records a `trace()` note, at the expression evaluated last. */
  note(message: string): void {
    this.event("Note", "expr", message, this.lastLocation);
  }

  /** Runs `f` as a query below the current one (a rule body, a comprehension). */
  child<T>(f: () => T): T {
    return this.query(this.current.id, this.current.depth + 1, f);
  }

  /** Starts the next top-level query at depth 1 (a tracer may collect several evaluations). */
  topLevel<T>(f: () => T): T {
    return this.query(0, 1, f);
  }

  /** Runs `f` as a new query with that parent and depth, then returns to the current one. */
  private query<T>(parent: number, depth: number, f: () => T): T {
    const saved = this.current;
    this.lastId++;
    this.current = { id: this.lastId, parent, depth };
    try {
      return f();
    } finally {
      this.current = saved;
    }
  }
}
