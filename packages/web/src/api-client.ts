import type {
  AuditsResponse,
  ConfigResponse,
  Constraint,
  ConstraintsResponse,
  JsonObject,
  ReviewPreviewRequest,
  ReviewPreviewResponse,
  TemplateDetail,
  TemplatesResponse,
  ViolationsResponse,
} from "./api-types.js";
import { isObject, isObjectList, pathAt } from "./json.js";
import { type ViolationFilter, violationsQuery } from "./violation-filter.js";

/** A request to the API that failed: the server's error, a network failure, or an answer not understood. */
export class ApiError extends Error {
  override readonly name = "ApiError";

  /**
   * @param status the HTTP status, 0 when no answer came
   * @param code the server's `error.code`, or `network` / `bad_response` / `http_<status>`
   */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The error of a non-2xx answer: the server's `{"error":{"code","message"}}` when the body has one,
 * else the status and its text.
 */
export function apiErrorFromBody(status: number, statusText: string, body: unknown): ApiError {
  const code = pathAt(body, "error", "code");
  const message = pathAt(body, "error", "message");
  const fallback = `The server answered ${status}${statusText ? ` ${statusText}` : ""}`;
  return new ApiError(
    status,
    typeof code === "string" && code !== "" ? code : `http_${status}`,
    typeof message === "string" && message !== "" ? message : fallback,
  );
}

/** The part of `fetch` the client uses, so that tests can give their own. */
export type FetchLike = (
  url: string,
  init: { signal?: AbortSignal; headers: Record<string, string>; method?: string; body?: string },
) => Promise<Response>;

/** Typed reads of the dashboard's JSON API. Every method rejects with {@link ApiError}, or with the abort. */
export interface ApiClient {
  /** `GET /templates`. */
  templates(signal?: AbortSignal): Promise<TemplatesResponse>;
  /** `GET /templates/{name}`; 404 when there is none. */
  template(name: string, signal?: AbortSignal): Promise<TemplateDetail>;
  /** `GET /constraints`. */
  constraints(signal?: AbortSignal): Promise<ConstraintsResponse>;
  /** `GET /constraints/{kind}/{name}`; 404 when there is none. */
  constraint(kind: string, name: string, signal?: AbortSignal): Promise<Constraint>;
  /** `GET /violations`: one page of those the filter selects. */
  violations(
    filter: ViolationFilter,
    limit: number,
    offset: number,
    signal?: AbortSignal,
  ): Promise<ViolationsResponse>;
  /** `GET /audits`: the last `limit` audits, and whether one is running. */
  audits(limit: number, signal?: AbortSignal): Promise<AuditsResponse>;
  /** `GET /config`: the Gatekeeper Config in force, if any. */
  config(signal?: AbortSignal): Promise<ConfigResponse>;
  /**
   * `POST /review`: what the admission webhook would decide for each document of `request.text`
   * (nothing is admitted); 400 for text that is not YAML or JSON objects.
   */
  review(request: ReviewPreviewRequest, signal?: AbortSignal): Promise<ReviewPreviewResponse>;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    const body: unknown = await response.json();
    return body;
  } catch (e: unknown) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    return undefined;
  }
}

/**
 * A client of the API at `base` (same origin by default). The answers' shapes are trusted to be the
 * documented ones once they are JSON objects; user-written parts (`spec`, `document`) are typed
 * loosely and read with care.
 */
export function createApiClient(
  fetchFn: FetchLike = (url, init) => fetch(url, init),
  base = "/api/v1",
): ApiClient {
  /**
   * Sends a request to `path` and answers its JSON object, once `valid` accepts it (every object
   * by default); `method` and `body` are for the requests that are not GETs.
   */
  async function send<T>(
    path: string,
    signal: AbortSignal | undefined,
    options: { method?: string; body?: string; valid?: (body: JsonObject) => boolean } = {},
  ): Promise<T> {
    const { method, body: requestBody, valid } = options;
    const headers: Record<string, string> = { accept: "application/json" };
    if (requestBody !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetchFn(`${base}${path}`, {
        signal,
        headers,
        ...(method !== undefined ? { method } : {}),
        ...(requestBody !== undefined ? { body: requestBody } : {}),
      });
    } catch (e: unknown) {
      if (signal?.aborted) throw e;
      const reason = e instanceof Error ? e.message : String(e);
      throw new ApiError(0, "network", `Could not reach the server (${reason})`);
    }
    const body = await readJson(response);
    if (!response.ok) throw apiErrorFromBody(response.status, response.statusText, body);
    if (!isObject(body)) {
      throw new ApiError(
        response.status,
        "bad_response",
        `The server's answer to ${path} is not a JSON object`,
      );
    }
    if (valid !== undefined && !valid(body)) {
      throw new ApiError(
        response.status,
        "bad_response",
        `The server's answer to ${path} is not of the expected shape`,
      );
    }
    return body as T;
  }
  const get = <T>(path: string, signal: AbortSignal | undefined): Promise<T> => send<T>(path, signal);
  const seg = encodeURIComponent;
  return {
    templates: (signal) => get("/templates", signal),
    template: (name, signal) => get(`/templates/${seg(name)}`, signal),
    constraints: (signal) => get("/constraints", signal),
    constraint: (kind, name, signal) => get(`/constraints/${seg(kind)}/${seg(name)}`, signal),
    violations: (filter, limit, offset, signal) =>
      get(`/violations?${violationsQuery(filter, limit, offset)}`, signal),
    audits: (limit, signal) => get(`/audits?limit=${limit}`, signal),
    config: (signal) => get("/config", signal),
    review: (request, signal) =>
      send("/review", signal, {
        method: "POST",
        body: JSON.stringify(request),
        valid: (b) => isObjectList(b.reviews),
      }),
  };
}
