import { StoreError } from "./errors.js";

/** Which violations a query returns. All fields are optional; they combine with AND. */
export interface ViolationQuery {
  /** Constraint name, or `Kind/name`. */
  readonly constraint?: string;
  /** Constraint kind. */
  readonly constraintKind?: string;
  /** Object namespace ("" for cluster-scoped objects). */
  readonly namespace?: string;
  /** Object kind. */
  readonly kind?: string;
  /** Object name. */
  readonly name?: string;
  /** Enforcement action (`deny`, `dryrun`, `warn`, or a scoped action). */
  readonly action?: string;
  /** Substring of the message (case-insensitive for ASCII). */
  readonly text?: string;
  /** Seen at or after this time (ms since the epoch). */
  readonly since?: number;
  /** Seen at or before this time (ms since the epoch). */
  readonly until?: number;
  /** `open` (default), `resolved` or `all`. */
  readonly state?: "open" | "resolved" | "all";
  /** Page size (default 100, at most 10,000). */
  readonly limit?: number;
  readonly offset?: number;
}

/** A WHERE clause with its parameters. */
export interface SqlWhere {
  readonly where: string;
  readonly params: unknown[];
  readonly limit: number;
  readonly offset: number;
}

export const DEFAULT_QUERY_LIMIT = 100;
export const MAX_QUERY_LIMIT = 10000;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Builds the WHERE clause of a violation query. Throws StoreError (`store_bad_query`) on bad values. */
export function whereOf(q: ViolationQuery): SqlWhere {
  const parts: string[] = [];
  const params: unknown[] = [];
  const state = q.state ?? "open";
  if (state === "open") parts.push("resolved_at IS NULL");
  else if (state === "resolved") parts.push("resolved_at IS NOT NULL");
  else if (state !== "all")
    throw new StoreError("store_bad_query", `state must be open, resolved or all, not ${String(state)}`);
  if (q.constraint !== undefined) {
    const slash = q.constraint.indexOf("/");
    if (slash >= 0) {
      parts.push("constraint_kind = ? AND constraint_name = ?");
      params.push(q.constraint.slice(0, slash), q.constraint.slice(slash + 1));
    } else {
      parts.push("constraint_name = ?");
      params.push(q.constraint);
    }
  }
  const eq = (column: string, value: string | undefined): void => {
    if (value === undefined) return;
    parts.push(`${column} = ?`);
    params.push(value);
  };
  eq("constraint_kind", q.constraintKind);
  eq("object_namespace", q.namespace);
  eq("object_kind", q.kind);
  eq("object_name", q.name);
  if (q.action !== undefined) {
    parts.push("(enforcement_action = ? OR instr(enforcement_actions, ?) > 0)");
    params.push(q.action, JSON.stringify(q.action));
  }
  if (q.text !== undefined && q.text !== "") {
    parts.push("message LIKE ? ESCAPE '\\'");
    params.push(`%${escapeLike(q.text)}%`);
  }
  const time = (label: string, v: number | undefined): number | undefined => {
    if (v === undefined) return undefined;
    if (!Number.isFinite(v)) throw new StoreError("store_bad_query", `${label} is not a valid time`);
    return v;
  };
  const since = time("since", q.since);
  const until = time("until", q.until);
  if (since !== undefined) {
    parts.push("last_seen >= ?");
    params.push(since);
  }
  if (until !== undefined) {
    parts.push("first_seen <= ?");
    params.push(until);
  }
  const limit = q.limit ?? DEFAULT_QUERY_LIMIT;
  const offset = q.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT)
    throw new StoreError("store_bad_query", `limit must be an integer from 1 to ${MAX_QUERY_LIMIT}`);
  if (!Number.isInteger(offset) || offset < 0)
    throw new StoreError("store_bad_query", "offset must be a non-negative integer");
  return { where: parts.length > 0 ? parts.join(" AND ") : "1", params, limit, offset };
}
