import { StoreError } from "../store/errors.js";
import type { ViolationQuery } from "../store/query-filter.js";
import type { StoredAudit, ViolationPage, ViolationStore } from "../store/violation-store.js";
import type { AuditedConstraint } from "./constraint-status.js";
import type { AuditResult } from "./run-audit.js";

/**
 * The audit's query API without HTTP, for `serve` to expose: each function takes the store (and
 * the loop's latest result) and plain parameters, and returns JSON-ready values.
 */

/** Constraint statuses of the latest audit: from the running loop, else the store's last audit. */
export function constraintStatuses(
  latest: AuditResult | undefined,
  store?: ViolationStore,
): AuditedConstraint[] {
  if (latest !== undefined) return latest.constraints;
  return store?.latestAudit()?.constraints ?? [];
}

/** One constraint's status from the latest audit, by kind and name. */
export function constraintStatus(
  latest: AuditResult | undefined,
  store: ViolationStore | undefined,
  kind: string,
  name: string,
): AuditedConstraint | undefined {
  return constraintStatuses(latest, store).find((c) => c.kind === kind && c.metadata.name === name);
}

/** Violations matching a query (see {@link ViolationQuery}). Throws StoreError `store_bad_query`. */
export function queryViolations(store: ViolationStore, query: ViolationQuery): ViolationPage {
  return store.query(query);
}

/** The latest audits, newest first. */
export function listAudits(store: ViolationStore, limit = 20): StoredAudit[] {
  return store.audits(limit);
}

const STRING_KEYS = ["constraint", "constraintKind", "namespace", "kind", "name", "action", "text"] as const;
type StringKey = (typeof STRING_KEYS)[number];

function one(params: URLSearchParams, key: string): string | undefined {
  const v = params.get(key);
  return v === null ? undefined : v;
}

function time(params: URLSearchParams, key: string): number | undefined {
  const v = one(params, key);
  if (v === undefined) return undefined;
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (Number.isNaN(ms)) throw new StoreError("store_bad_query", `${key}: not a time: ${v}`);
  return ms;
}

function int(params: URLSearchParams, key: string): number | undefined {
  const v = one(params, key);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new StoreError("store_bad_query", `${key}: not a non-negative integer: ${v}`);
  return Number(v);
}

/**
 * Reads a {@link ViolationQuery} from URL query parameters: constraint, constraintKind,
 * namespace, kind, name, action, text, since, until (RFC3339 or ms), state, limit, offset.
 * Throws StoreError `store_bad_query` on a bad value.
 */
export function violationQueryFromParams(params: URLSearchParams): ViolationQuery {
  const state = one(params, "state");
  if (state !== undefined && state !== "open" && state !== "resolved" && state !== "all")
    throw new StoreError("store_bad_query", `state must be open, resolved or all, not ${state}`);
  const q: { -readonly [K in StringKey]?: string } = {};
  for (const k of STRING_KEYS) {
    const v = one(params, k);
    if (v !== undefined) q[k] = v;
  }
  const since = time(params, "since");
  const until = time(params, "until");
  const limit = int(params, "limit");
  const offset = int(params, "offset");
  return {
    ...q,
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(offset !== undefined ? { offset } : {}),
    ...(state !== undefined ? { state } : {}),
  };
}
