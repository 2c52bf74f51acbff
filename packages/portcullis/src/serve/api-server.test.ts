import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ViolationStore } from "../store/violation-store.js";
import { routeApi } from "./api-routes.js";
import { startApiServer } from "./api-server.js";
import {
  DashboardAssets,
  DashboardBuildError,
  type DashboardFiles,
  dashboardPath,
} from "./dashboard-assets.js";

const files: DashboardFiles = new Map([
  ["/index.html", { contentType: "text/html; charset=utf-8", body: "<!doctype html><title>P</title>" }],
  ["/app.js", { contentType: "text/javascript; charset=utf-8", body: "export {};" }],
  ["/app.css", { contentType: "text/css; charset=utf-8", body: "body{}" }],
]);

const root = mkdtempSync(join(tmpdir(), "portcullis-api-server-"));
const store = ViolationStore.open(root);
afterAll(() => {
  store.close();
  rmSync(root, { recursive: true, force: true });
});

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

async function start(assets: DashboardAssets): Promise<string> {
  const state = { latest: () => undefined, running: () => false, store };
  const started = await startApiServer((req) => routeApi(req, state), 0, "127.0.0.1", assets);
  server = started.server;
  return `http://127.0.0.1:${started.port}`;
}

describe("dashboardPath", () => {
  it("maps the page, its script and its style, and nothing else", () => {
    expect(dashboardPath("/")).toBe("/index.html");
    expect(dashboardPath("/index.html")).toBe("/index.html");
    expect(dashboardPath("/app.js")).toBe("/app.js");
    expect(dashboardPath("/app.css")).toBe("/app.css");
    expect(dashboardPath("/../package.json")).toBeUndefined();
    expect(dashboardPath("/src/main.ts")).toBeUndefined();
  });
});

describe("DashboardAssets", () => {
  it("builds once and keeps the files", async () => {
    let builds = 0;
    const assets = new DashboardAssets(async () => {
      builds++;
      return files;
    });
    await Promise.all([assets.get("/"), assets.get("/app.js")]);
    expect((await assets.get("/app.css"))?.body).toBe("body{}");
    expect(await assets.get("/nothing")).toBeUndefined();
    expect(builds).toBe(1);
  });

  it("tries a failed build again on the next request", async () => {
    let builds = 0;
    const assets = new DashboardAssets(async () => {
      builds++;
      if (builds === 1) throw new DashboardBuildError("esbuild is not installed");
      return files;
    });
    await expect(assets.get("/")).rejects.toThrow("esbuild is not installed");
    expect((await assets.get("/"))?.contentType).toBe("text/html; charset=utf-8");
  });
});

describe("startApiServer with the dashboard", () => {
  it("serves the page with a strict content security policy beside the JSON API", async () => {
    const base = await start(new DashboardAssets(async () => files));
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain("<title>P</title>");
    expect((await fetch(`${base}/app.js?v=1`)).headers.get("content-type")).toBe(
      "text/javascript; charset=utf-8",
    );
    const head = await fetch(`${base}/app.css`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(await (await fetch(`${base}/api/v1`)).json()).toHaveProperty("endpoints");
  });

  it("answers 404 for other paths, 405 for other methods, 503 when the build fails", async () => {
    const failing = new DashboardAssets(async () => {
      throw new DashboardBuildError("building the dashboard failed: boom");
    });
    const base = await start(failing);
    const missing = await fetch(`${base}/secret.txt`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "not_found" } });
    const post = await fetch(`${base}/`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    const broken = await fetch(`${base}/`);
    expect(broken.status).toBe(503);
    expect(await broken.json()).toEqual({
      error: { code: "internal", message: "building the dashboard failed: boom" },
    });
  });
});

describe("the review preview endpoint", () => {
  async function startWithReview(): Promise<string> {
    const state = { latest: () => undefined, running: () => false, store };
    const started = await startApiServer(
      (req) => routeApi(req, state),
      0,
      "127.0.0.1",
      undefined,
      async (contentType, body) => ({ status: 200, body: { contentType, length: body.length } }),
    );
    server = started.server;
    return `http://127.0.0.1:${started.port}`;
  }

  it("reads a POST's body and hands it on with its content type", async () => {
    const base = await startWithReview();
    const r = await fetch(`${base}/api/v1/review`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"text":"abc"}',
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ contentType: "application/json", length: 14 });
  });

  it("refuses a body over 1 MiB with 413, GET with 405, and POST elsewhere with 405", async () => {
    const base = await startWithReview();
    const big = await fetch(`${base}/api/v1/review`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "x".repeat(1024 * 1024 + 1),
    });
    expect(big.status).toBe(413);
    const get = await fetch(`${base}/api/v1/review`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const elsewhere = await fetch(`${base}/api/v1/violations`, { method: "POST", body: "{}" });
    expect(elsewhere.status).toBe(405);
    expect(elsewhere.headers.get("allow")).toBe("GET, HEAD");
  });
});
