import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A plain-HTTP health server (Gatekeeper's `--health-addr`, default :9090): `/healthz` answers
 * 200 while the process runs; `/readyz` answers 200 once `ready()` is true, 503 before.
 */
export function startHealthServer(
  ready: () => boolean,
  port: number,
  host?: string,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    } else if (path === "/readyz") {
      const ok = ready();
      res
        .writeHead(ok ? 200 : 503, { "content-type": "text/plain" })
        .end(ok ? "ok\n" : "policies not loaded\n");
    } else {
      res.writeHead(404, { "content-type": "text/plain" }).end("404 page not found\n");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}
