import { trimRight } from "@portcullis/rego";
import type {
  AuditedConstraint,
  AuditSummary,
  AuditsResponse,
  ConfigResponse,
  ConstraintsResponse,
  ConstraintView,
  ListedAudit,
  TemplatesResponse,
  ViolationsResponse,
} from "../api/shapes.js";
import {
  constraintStatuses,
  listAudits,
  queryViolations,
  violationQueryFromParams,
} from "../audit/query-api.js";
import type { AuditResult } from "../audit/run-audit.js";
import { StoreError } from "../store/errors.js";
import type { StoredAudit, ViolationStore } from "../store/violation-store.js";
import {
  configView,
  constraintViews,
  type LoadedPolicies,
  templateDetail,
  templateSummaries,
} from "./policy-views.js";

/** A request as the API sees it: method and request target (path and query). */
export interface ApiRequest {
  readonly method: string;
  readonly url: string;
}

/** An answer: status, JSON body, extra headers. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What the API reads: the audit loop's latest result and the violation store. */
export interface ApiState {
  /** The last completed audit of this process, if any. */
  latest(): AuditResult | undefined;
  /** True while an audit runs. */
  running(): boolean;
  readonly store: ViolationStore;
  /** The policies in force (templates, constraints, load problems), when the API can see them. */
  readonly policies?: () => LoadedPolicies | undefined;
}

/** Stable codes of API errors (`{"error": {"code", "message"}}`). */
export type ApiErrorCode = "bad_query" | "not_found" | "method_not_allowed" | "internal";

/** The API's path prefix. */
export const API_PREFIX = "/api/v1";

const VIOLATION_PARAMS: ReadonlySet<string> = new Set([
  "constraint",
  "constraintKind",
  "namespace",
  "kind",
  "name",
  "action",
  "text",
  "since",
  "until",
  "state",
  "limit",
  "offset",
]);
const AUDITS_PARAMS: ReadonlySet<string> = new Set(["limit"]);
const DEFAULT_AUDITS = 20;
const MAX_AUDITS = 1000;

class BadQuery extends Error {}

function error(status: number, code: ApiErrorCode, message: string): ApiResponse {
  return { status, body: { error: { code, message } } };
}

function ok(body: unknown): ApiResponse {
  return { status: 200, body };
}

function checkParams(params: URLSearchParams, allowed: ReadonlySet<string>): void {
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (!allowed.has(key)) throw new BadQuery(`unknown query parameter "${key}"`);
    if (seen.has(key)) throw new BadQuery(`query parameter "${key}" given more than once`);
    seen.add(key);
  }
}

function fromResult(r: AuditResult): AuditSummary {
  return {
    auditId: r.auditId,
    startedAt: new Date(r.startedAt).toISOString(),
    finishedAt: new Date(r.finishedAt).toISOString(),
    objectsReviewed: r.objectsReviewed,
    totalViolations: r.violations.length,
    constraints: r.constraints.length,
  };
}

function fromStored(a: StoredAudit): ListedAudit {
  return {
    auditId: a.auditId,
    startedAt: a.startedAt,
    finishedAt: a.finishedAt,
    objectsReviewed: a.objectsReviewed,
    totalViolations: a.totalViolations,
    constraints: a.constraints.length,
    newViolations: a.newViolations,
    resolvedViolations: a.resolvedViolations,
  };
}

function latestSummary(state: ApiState): AuditSummary | null {
  const latest = state.latest();
  if (latest !== undefined) return fromResult(latest);
  const stored = state.store.latestAudit();
  return stored === undefined ? null : fromStored(stored);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadQuery(`bad percent-encoding in "${segment}"`);
  }
}

function audited(state: ApiState): AuditedConstraint[] {
  return constraintStatuses(state.latest(), state.store);
}

function allConstraints(state: ApiState): ConstraintView[] {
  return constraintViews(state.policies?.(), audited(state));
}

function constraints(state: ApiState, params: URLSearchParams): ApiResponse {
  checkParams(params, new Set());
  return ok({
    audit: latestSummary(state),
    constraints: allConstraints(state),
  } satisfies ConstraintsResponse);
}

function oneConstraint(state: ApiState, kind: string, name: string): ApiResponse {
  const found = allConstraints(state).find((c) => c.kind === kind && c.metadata.name === name);
  return found === undefined ? error(404, "not_found", `no constraint ${kind}/${name}`) : ok(found);
}

const NO_POLICIES: LoadedPolicies = {
  sorted: { templates: [], constraints: [], config: undefined },
  problems: [],
};

function templates(state: ApiState, params: URLSearchParams): ApiResponse {
  checkParams(params, new Set());
  const policies = state.policies?.() ?? NO_POLICIES;
  return ok({
    templates: templateSummaries(policies, audited(state)),
    problems: policies.problems,
  } satisfies TemplatesResponse);
}

function config(state: ApiState, params: URLSearchParams): ApiResponse {
  checkParams(params, new Set());
  return ok({ config: configView(state.policies?.() ?? NO_POLICIES) } satisfies ConfigResponse);
}

function oneTemplate(state: ApiState, name: string): ApiResponse {
  const found = templateDetail(state.policies?.() ?? NO_POLICIES, audited(state), name);
  return found === undefined ? error(404, "not_found", `no template ${name}`) : ok(found);
}

function violations(state: ApiState, params: URLSearchParams): ApiResponse {
  checkParams(params, VIOLATION_PARAMS);
  const query = violationQueryFromParams(params);
  const page = queryViolations(state.store, query);
  return ok({
    total: page.total,
    offset: query.offset ?? 0,
    violations: page.violations,
  } satisfies ViolationsResponse);
}

function oneViolation(state: ApiState, id: string): ApiResponse {
  if (!/^[1-9]\d{0,15}$/.test(id)) throw new BadQuery(`violation id must be a positive integer, not "${id}"`);
  const v = state.store.get(Number(id));
  return v === undefined ? error(404, "not_found", `no violation ${id}`) : ok(v);
}

function audits(state: ApiState, params: URLSearchParams): ApiResponse {
  checkParams(params, AUDITS_PARAMS);
  const raw = params.get("limit");
  let limit = DEFAULT_AUDITS;
  if (raw !== null) {
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_AUDITS)
      throw new BadQuery(`limit must be an integer from 1 to ${MAX_AUDITS}, not "${raw}"`);
    limit = Number(raw);
  }
  return ok({
    running: state.running(),
    audits: listAudits(state.store, limit).map(fromStored),
  } satisfies AuditsResponse);
}

function index(): ApiResponse {
  return ok({
    endpoints: [
      `${API_PREFIX}/constraints`,
      `${API_PREFIX}/constraints/{kind}/{name}`,
      `${API_PREFIX}/violations`,
      `${API_PREFIX}/violations/{id}`,
      `${API_PREFIX}/audits`,
      `${API_PREFIX}/templates`,
      `${API_PREFIX}/templates/{name}`,
      `${API_PREFIX}/config`,
      `${API_PREFIX}/review (POST)`,
    ],
  });
}

function dispatch(state: ApiState, segments: readonly string[], params: URLSearchParams): ApiResponse {
  const [head, a, b, ...rest] = segments;
  if (rest.length > 0) return notFound(segments);
  if (head === undefined) return index();
  if (head === "constraints") {
    if (a === undefined) return constraints(state, params);
    if (b !== undefined) {
      checkParams(params, new Set());
      return oneConstraint(state, decode(a), decode(b));
    }
  }
  if (head === "violations" && b === undefined) {
    if (a === undefined) return violations(state, params);
    checkParams(params, new Set());
    return oneViolation(state, decode(a));
  }
  if (head === "audits" && a === undefined) return audits(state, params);
  if (head === "config" && a === undefined) return config(state, params);
  if (head === "templates" && b === undefined) {
    if (a === undefined) return templates(state, params);
    checkParams(params, new Set());
    return oneTemplate(state, decode(a));
  }
  if (head === "review" && a === undefined)
    return {
      ...error(405, "method_not_allowed", "send the objects to review with POST"),
      headers: { allow: "POST" },
    };
  return notFound(segments);
}

function notFound(segments: readonly string[]): ApiResponse {
  return error(404, "not_found", `no such endpoint: ${API_PREFIX}/${segments.join("/")}`);
}

/**
 * Answers one request of serve's audit API (read-only JSON):
 * `GET /api/v1/constraints`, `/constraints/{kind}/{name}`, `/violations?…`, `/violations/{id}`,
 * `/audits?limit=`, `/templates`, `/templates/{name}`, `/config`. Bad queries answer 400, unknown paths 404, other methods than GET and HEAD
 * 405; every error body is `{"error": {"code", "message"}}`.
 */
export function routeApi(req: ApiRequest, state: ApiState): ApiResponse {
  let url: URL;
  try {
    url = new URL(req.url, "http://localhost");
  } catch {
    return error(400, "bad_query", `bad request target: ${req.url}`);
  }
  const path = trimRight(url.pathname, "/");
  if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`))
    return error(404, "not_found", `no such endpoint: ${url.pathname}`);
  if (req.method !== "GET" && req.method !== "HEAD")
    return {
      ...error(405, "method_not_allowed", `${req.method} is not allowed`),
      headers: { allow: path === `${API_PREFIX}/review` ? "POST" : "GET, HEAD" },
    };
  const segments = path
    .slice(API_PREFIX.length)
    .split("/")
    .filter((s) => s !== "");
  try {
    return dispatch(state, segments, url.searchParams);
  } catch (e: unknown) {
    if (e instanceof BadQuery) return error(400, "bad_query", e.message);
    if (e instanceof StoreError && e.code === "store_bad_query") return error(400, "bad_query", e.message);
    return error(500, "internal", e instanceof Error ? e.message : String(e));
  }
}
