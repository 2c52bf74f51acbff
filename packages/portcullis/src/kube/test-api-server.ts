/** A fake Kubernetes API server for tests: discovery, paged cluster-wide lists, a bearer token. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JsonObject } from "@portcullis/constraint";
import { stringify } from "yaml";
import { ensureCertificates } from "../certs/cert-dir.js";

/** One resource the fake server serves: its discovery entry and its objects (without apiVersion and kind). */
export interface FakeResource {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly resource: string;
  readonly namespaced: boolean;
  readonly objects: readonly JsonObject[];
}

/** A running fake API server and a kubeconfig for it. */
export interface FakeApiServer {
  readonly url: string;
  /** A kubeconfig file naming the server, its CA and the token (context `fake`). */
  readonly kubeconfig: string;
  /** The request paths served so far. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** The bearer token the fake server accepts. */
export const FAKE_TOKEN = "fake-token";

function send(res: import("node:http").ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/**
 * Starts a fake API server over HTTPS on 127.0.0.1 (a CA and certificate made for it): `/api/v1`,
 * `/apis` and `/apis/{g}/{v}` discovery (with a `pods/status` subresource to leave out), lists
 * paged by `limit` and `continue`, 401 without the token, and 503 for the groups in `broken`.
 */
export async function startFakeApiServer(
  resources: readonly FakeResource[],
  broken: readonly string[] = [],
): Promise<FakeApiServer> {
  const dir = mkdtempSync(join(tmpdir(), "portcullis-fake-api-"));
  const certs = ensureCertificates(join(dir, "certs"));
  const requests: string[] = [];
  const groups = [...new Set(resources.filter((r) => r.group !== "").map((r) => `${r.group}/${r.version}`))];
  const discovery = (group: string, version: string) => ({
    kind: "APIResourceList",
    groupVersion: group === "" ? version : `${group}/${version}`,
    resources: resources
      .filter((r) => r.group === group && r.version === version)
      .flatMap((r) => [
        { name: r.resource, namespaced: r.namespaced, kind: r.kind, verbs: ["get", "list", "watch"] },
        { name: `${r.resource}/status`, namespaced: r.namespaced, kind: r.kind, verbs: ["get", "list"] },
      ]),
  });
  const server: Server = createServer({ cert: certs.cert, key: certs.key }, (req, res) => {
    const url = new URL(req.url ?? "/", "https://localhost");
    requests.push(url.pathname + url.search);
    if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`)
      return send(res, 401, { kind: "Status", status: "Failure", message: "Unauthorized", code: 401 });
    const parts = url.pathname.split("/").filter((p) => p !== "");
    if (url.pathname === "/api/v1") return send(res, 200, discovery("", "v1"));
    if (url.pathname === "/apis") {
      const all = [...groups, ...broken];
      return send(res, 200, {
        kind: "APIGroupList",
        groups: all.map((gv) => {
          const [name, version] = gv.split("/");
          return {
            name,
            versions: [{ groupVersion: gv, version }],
            preferredVersion: { groupVersion: gv, version },
          };
        }),
      });
    }
    if (parts[0] === "apis" && parts.length === 3 && broken.includes(`${parts[1]}/${parts[2]}`))
      return send(res, 503, {
        kind: "Status",
        message: "the server is currently unable to handle the request",
      });
    if (parts[0] === "apis" && parts.length === 3)
      return send(res, 200, discovery(parts[1] ?? "", parts[2] ?? ""));
    const [group, version, resource] =
      parts[0] === "api"
        ? ["", parts[1] ?? "", parts[2] ?? ""]
        : [parts[1] ?? "", parts[2] ?? "", parts[3] ?? ""];
    const found = resources.find(
      (r) => r.group === group && r.version === version && r.resource === resource,
    );
    if (found === undefined || parts.length !== (parts[0] === "api" ? 3 : 4))
      return send(res, 404, {
        kind: "Status",
        message: `the server could not find ${url.pathname}`,
        code: 404,
      });
    const limit = Number(url.searchParams.get("limit") ?? "0") || found.objects.length;
    const from = Number(url.searchParams.get("continue") ?? "0");
    const items = found.objects.slice(from, from + limit);
    const next = from + limit < found.objects.length ? String(from + limit) : undefined;
    return send(res, 200, {
      kind: `${found.kind}List`,
      apiVersion: group === "" ? version : `${group}/${version}`,
      metadata: next === undefined ? {} : { continue: next },
      items,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfig = join(dir, "kubeconfig.yaml");
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        {
          name: "fake",
          cluster: {
            server: url,
            "certificate-authority-data": Buffer.from(certs.ca ?? "").toString("base64"),
          },
        },
      ],
      users: [{ name: "tester", user: { token: FAKE_TOKEN } }],
      contexts: [{ name: "fake", context: { cluster: "fake", user: "tester" } }],
      "current-context": "fake",
    }),
  );
  return {
    url,
    kubeconfig,
    requests,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        }),
      ),
  };
}
