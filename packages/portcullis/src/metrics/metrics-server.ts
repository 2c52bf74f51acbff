import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What a metrics endpoint serves: Prometheus exposition text. */
export type MetricsSource = () => Promise<{ contentType: string; text: string }>;

/**
 * A plain-HTTP server answering `GET /metrics` (Gatekeeper's `--prometheus-port`, default 8888).
 * Resolves with the server and the port bound.
 */
export function startMetricsServer(
  source: MetricsSource,
  port: number,
  host?: string,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain" }).end("404 page not found\n");
      return;
    }
    source().then(
      ({ contentType, text }) => {
        res.writeHead(200, { "content-type": contentType }).end(text);
      },
      (e: unknown) => {
        res
          .writeHead(500, { "content-type": "text/plain" })
          .end(`${e instanceof Error ? e.message : String(e)}\n`);
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}
