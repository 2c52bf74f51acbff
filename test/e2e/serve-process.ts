/** Starts `portcullis serve` as a child process for end-to-end tests, and talks HTTPS to it. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { join, resolve } from "node:path";

const REPO = resolve(import.meta.dirname, "../..");
const BIN = join(REPO, "packages/portcullis/bin/portcullis.mjs");

/** A running `portcullis serve`. */
export interface ServeProcess {
  readonly port: number;
  readonly healthPort: number;
  readonly metricsPort: number;
  /** The audit API's port when serve was started with `--objects` or `--audit-cluster`, else undefined. */
  readonly apiPort: number | undefined;
  readonly ca: string;
  /** Everything written to stderr so far (JSON log lines). */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts `portcullis serve ARGS` on 127.0.0.1 with ports the system picks; resolves once it prints
 * its URLs (with `--objects`, also the audit API's, which then listens on a picked port unless ARGS
 * name `--api-port`).
 */
export function startServe(
  args: readonly string[],
  certDir: string,
  timeoutMs = 30000,
): Promise<ServeProcess> {
  const withAudit =
    args.includes("--objects") || args.includes("--audit-cluster") || args.includes("--api-port");
  const child: ChildProcess = spawn(
    process.execPath,
    [
      BIN,
      "serve",
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      "--health-port",
      "0",
      "--metrics-port",
      "0",
      "--cert-dir",
      certDir,
      ...(withAudit && !args.includes("--api-port") ? ["--api-port", "0"] : []),
      ...args,
    ],
    { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve did not start in ${timeoutMs} ms:\n${out}\n${err}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}\n${err}`));
    });
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const url = /listening on https:\/\/127\.0\.0\.1:(\d+)\/v1\/admit/.exec(out);
      const health =
        /health http:\/\/127\.0\.0\.1:(\d+)\/readyz; metrics http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(out);
      const api = /audit API http:\/\/127\.0\.0\.1:(\d+)\/api\/v1/.exec(out);
      if (url === null || health === null || (withAudit && api === null)) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolvePromise({
        port: Number(url[1]),
        healthPort: Number(health[1]),
        metricsPort: Number(health[2]),
        apiPort: api === null ? undefined : Number(api[1]),
        ca: readFileSync(join(certDir, "ca.crt"), "utf8"),
        stderr: () => err,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/** An HTTPS answer. */
export interface Answer {
  readonly status: number;
  readonly text: string;
  json(): Record<string, unknown>;
}

/** POSTs a body over HTTPS (trusting `ca`, presenting `client` when given) and resolves with the answer. */
export function post(
  server: ServeProcess,
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = { "content-type": "application/json" },
  client?: { readonly cert: string; readonly key: string },
): Promise<Answer> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: server.port,
        path,
        method: "POST",
        ca: server.ca,
        servername: "localhost",
        headers,
        ...(client !== undefined ? { cert: client.cert, key: client.key, agent: false } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolvePromise({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
