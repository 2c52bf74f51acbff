import { describe, expect, it } from "vitest";
import { ApiError, apiErrorFromBody, createApiClient, type FetchLike } from "./api-client.js";
import { NO_FILTER } from "./violation-filter.js";

type FetchInit = Parameters<FetchLike>[1];

/** A fetch that records the URLs asked for and how, and answers with `respond`. */
function fakeFetch(respond: (url: string) => Response | Promise<Response>): {
  fetch: FetchLike;
  urls: string[];
  inits: FetchInit[];
} {
  const urls: string[] = [];
  const inits: FetchInit[] = [];
  return {
    urls,
    inits,
    fetch: async (url, init) => {
      urls.push(url);
      inits.push(init);
      return respond(url);
    },
  };
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e: unknown) {
    return e;
  }
  throw new Error("expected the promise to reject");
}

describe("createApiClient", () => {
  it("percent-encodes names in paths and sends only set violation filters", async () => {
    const f = fakeFetch(() => json({ total: 0, offset: 0, violations: [] }));
    const api = createApiClient(f.fetch);
    await api.constraint("K8sX", "a/b c", undefined);
    await api.template("x?y", undefined);
    await api.violations({ ...NO_FILTER, namespace: "team a" }, 50, 100);
    await api.audits(10);
    await api.config();
    expect(f.urls).toEqual([
      "/api/v1/constraints/K8sX/a%2Fb%20c",
      "/api/v1/templates/x%3Fy",
      "/api/v1/violations?namespace=team+a&state=open&limit=50&offset=100",
      "/api/v1/audits?limit=10",
      "/api/v1/config",
    ]);
  });

  it("answers the body of a 2xx answer", async () => {
    const body = { running: true, audits: [] };
    const api = createApiClient(fakeFetch(() => json(body)).fetch);
    expect(await api.audits(10)).toEqual(body);
  });

  it("turns the server's error into an ApiError with its code and message", async () => {
    const api = createApiClient(
      fakeFetch(() => json({ error: { code: "not_found", message: "no template named nope" } }, 404)).fetch,
    );
    const e = await rejection(api.template("nope"));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 404, code: "not_found", message: "no template named nope" });
  });

  it("describes an error answer that is not JSON by its status", async () => {
    const api = createApiClient(
      fakeFetch(() => new Response("<h1>Bad Gateway</h1>", { status: 502, statusText: "Bad Gateway" })).fetch,
    );
    expect(await rejection(api.templates())).toMatchObject({
      status: 502,
      code: "http_502",
      message: "The server answered 502 Bad Gateway",
    });
  });

  it("refuses a 2xx answer that is not a JSON object", async () => {
    const api = createApiClient(fakeFetch(() => new Response("[1,2]", { status: 200 })).fetch);
    expect(await rejection(api.templates())).toMatchObject({ code: "bad_response" });
    const html = createApiClient(fakeFetch(() => new Response("<!doctype html>", { status: 200 })).fetch);
    expect(await rejection(html.constraints())).toMatchObject({ code: "bad_response" });
  });

  it("reports a network failure as an ApiError with status 0", async () => {
    const api = createApiClient(async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await rejection(api.constraints())).toMatchObject({
      status: 0,
      code: "network",
      message: "Could not reach the server (Failed to fetch)",
    });
  });

  it("reads with GET, asking for JSON", async () => {
    const f = fakeFetch(() => json({ templates: [], problems: [] }));
    await createApiClient(f.fetch).templates();
    expect(f.inits[0]?.method ?? "GET").toBe("GET");
    expect(f.inits[0]?.body).toBeUndefined();
    expect(f.inits[0]?.headers).toEqual({ accept: "application/json" });
  });

  it("posts a review as JSON and answers the reviews", async () => {
    const review = {
      document: 1,
      object: { apiVersion: "v1", kind: "Pod", namespace: "default", name: "nginx" },
      allowed: false,
      code: 403,
      message: "[must-have-owner] you must provide labels: {owner}",
      warnings: [],
      results: [
        {
          constraint: { kind: "K8sRequiredLabels", name: "must-have-owner" },
          actions: ["deny"],
          message: "you must provide labels: {owner}",
        },
      ],
    };
    const f = fakeFetch(() => json({ reviews: [review] }));
    const controller = new AbortController();
    const request = { text: "kind: Pod\n", username: "alice", operation: "UPDATE", trace: true };
    expect(await createApiClient(f.fetch).review(request, controller.signal)).toEqual({ reviews: [review] });
    expect(f.urls).toEqual(["/api/v1/review"]);
    const init = f.inits[0];
    expect(init?.method).toBe("POST");
    expect(init?.headers).toMatchObject({ "content-type": "application/json", accept: "application/json" });
    expect(JSON.parse(init?.body ?? "null")).toEqual(request);
    expect(init?.signal).toBe(controller.signal);
  });

  it("turns a review's 400 into an ApiError with the server's code and message", async () => {
    const api = createApiClient(
      fakeFetch(() =>
        json({ error: { code: "bad_request", message: "text:1:6: Unexpected flow-seq-end" } }, 400),
      ).fetch,
    );
    const e = await rejection(api.review({ text: "a: [b" }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({
      status: 400,
      code: "bad_request",
      message: "text:1:6: Unexpected flow-seq-end",
    });
  });

  it("refuses a review answer without a list of reviews", async () => {
    for (const body of [{}, { reviews: "none" }, { reviews: [1] }]) {
      const api = createApiClient(fakeFetch(() => json(body)).fetch);
      expect(await rejection(api.review({ text: "x" })), JSON.stringify(body)).toMatchObject({
        status: 200,
        code: "bad_response",
      });
    }
  });

  it("passes an abort through as it is", async () => {
    const controller = new AbortController();
    const abort = new DOMException("aborted", "AbortError");
    const api = createApiClient(async () => {
      controller.abort();
      throw abort;
    });
    expect(await rejection(api.templates(controller.signal))).toBe(abort);
  });
});

describe("apiErrorFromBody", () => {
  it("ignores an error body of the wrong shape", () => {
    expect(apiErrorFromBody(500, "", { error: "boom" })).toMatchObject({
      code: "http_500",
      message: "The server answered 500",
    });
    expect(apiErrorFromBody(400, "Bad Request", { error: { code: "bad_query", message: "" } })).toMatchObject(
      {
        code: "bad_query",
        message: "The server answered 400 Bad Request",
      },
    );
  });
});
