import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApiRequest, ApiResponse } from "./api-routes.js";

/**
 * A plain-HTTP server for serve's JSON API: every request goes to `route` (see
 * `routeApi`), whose answer is written as JSON. Resolves with the server and the port bound.
 */
export function startApiServer(
  route: (req: ApiRequest) => ApiResponse,
  port: number,
  host: string,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const method = req.method ?? "GET";
    const answer = route({ method, url: req.url ?? "/" });
    const text = `${JSON.stringify(answer.body)}\n`;
    res.writeHead(answer.status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(text),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      ...answer.headers,
    });
    res.end(method === "HEAD" ? undefined : text);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}
