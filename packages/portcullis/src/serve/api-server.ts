import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { MAX_REVIEW_BODY_BYTES, REVIEW_PATH } from "./api-review-route.js";
import { API_PREFIX, type ApiRequest, type ApiResponse } from "./api-routes.js";
import type { DashboardAssets } from "./dashboard-assets.js";

/** The dashboard's page, script and style come only from this server; nothing runs inline. */
const DASHBOARD_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function isApiPath(url: string): boolean {
  const path = url.split("?", 1)[0] ?? url;
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}

function sendJson(res: ServerResponse, method: string, answer: ApiResponse): void {
  const text = `${JSON.stringify(answer.body)}\n`;
  res.writeHead(answer.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...answer.headers,
  });
  res.end(method === "HEAD" ? undefined : text);
}

async function sendDashboard(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  dashboard: DashboardAssets,
  route: (req: ApiRequest) => ApiResponse,
): Promise<void> {
  const path = (req.url ?? "/").split("?", 1)[0] ?? "/";
  if (method !== "GET" && method !== "HEAD") {
    sendJson(res, method, {
      status: 405,
      body: { error: { code: "method_not_allowed", message: `${method} is not allowed` } },
      headers: { allow: "GET, HEAD" },
    });
    return;
  }
  let asset: Awaited<ReturnType<DashboardAssets["get"]>>;
  try {
    asset = await dashboard.get(path);
  } catch (e: unknown) {
    sendJson(res, method, {
      status: 503,
      body: { error: { code: "internal", message: e instanceof Error ? e.message : String(e) } },
    });
    return;
  }
  // Paths that are not the dashboard's get the API's 404.
  if (asset === undefined) return sendJson(res, method, route({ method, url: req.url ?? "/" }));
  res.writeHead(200, {
    "content-type": asset.contentType,
    "content-length": Buffer.byteLength(asset.body),
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "content-security-policy": DASHBOARD_SECURITY_POLICY,
  });
  res.end(method === "HEAD" ? undefined : asset.body);
}

/** Reads a request's body up to `limit` bytes; undefined when it is longer. */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function sendReview(
  req: IncomingMessage,
  res: ServerResponse,
  review: (contentType: string | undefined, body: string) => Promise<ApiResponse>,
): Promise<void> {
  const body = await readBody(req, MAX_REVIEW_BODY_BYTES);
  if (body === undefined) {
    sendJson(res, "POST", {
      status: 413,
      body: { error: { code: "too_large", message: `the body is over ${MAX_REVIEW_BODY_BYTES} bytes` } },
    });
    return;
  }
  sendJson(res, "POST", await review(req.headers["content-type"], body));
}

/**
 * A plain-HTTP server for serve's JSON API: requests under `/api/v1` go to `route` (see
 * `routeApi`), whose answer is written as JSON; `POST /api/v1/review` goes to `review` when given
 * (see `routeReviewPreview`); with `dashboard`, `/` serves the web dashboard that reads that API.
 * Resolves with the server and the port bound.
 */
export function startApiServer(
  route: (req: ApiRequest) => ApiResponse,
  port: number,
  host: string,
  dashboard?: DashboardAssets,
  review?: (contentType: string | undefined, body: string) => Promise<ApiResponse>,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    if (review !== undefined && method === "POST" && url.split("?", 1)[0] === REVIEW_PATH) {
      sendReview(req, res, review).catch(() => res.destroy());
      return;
    }
    if (dashboard !== undefined && !isApiPath(url)) {
      sendDashboard(req, res, method, dashboard, route).catch(() => res.destroy());
      return;
    }
    sendJson(res, method, route({ method, url }));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}
