import { request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { KubeConfig } from "@kubernetes/client-node";
import { trimRight } from "@portcullis/rego";

/** A Kubernetes API request that failed: the server's status and message, or why none came. */
export class KubeApiError extends Error {
  override readonly name = "KubeApiError";

  /** @param status the HTTP status; 0 when no answer came */
  constructor(
    readonly status: number,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** Where a KubeApi finds its cluster and credentials. */
export interface KubeApiOptions {
  /** A kubeconfig file; without it, `$KUBECONFIG`, `~/.kube/config`, or the in-cluster service account. */
  readonly kubeconfig?: string;
  /** The kubeconfig context to use instead of its current one. */
  readonly context?: string;
  /** Milliseconds one request may take (default 30 s). */
  readonly timeoutMs?: number;
}

/** Most bytes one answer may have (a LIST page of 500 large objects stays far below). */
const MAX_ANSWER_BYTES = 256 * 1024 * 1024;

function statusMessage(status: number, body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "message" in parsed &&
      typeof parsed.message === "string"
    )
      return parsed.message;
  } catch {
    // Not a Status: the text says what happened.
  }
  return body.trim().slice(0, 300) || `HTTP ${status}`;
}

/**
 * Read-only access to a Kubernetes API server: the cluster and credentials of a kubeconfig
 * (certificates, tokens, exec plugins, as `@kubernetes/client-node` applies them), and `GET`s of
 * JSON paths. Throws {@link KubeApiError} with the server's message for a failed request.
 */
export class KubeApi {
  private constructor(
    private readonly config: KubeConfig,
    /** The API server's URL. */
    readonly server: string,
    private readonly timeoutMs: number,
  ) {}

  /** The cluster of a kubeconfig; throws KubeApiError (status 0) when it names none. */
  static connect(options: KubeApiOptions = {}): KubeApi {
    const config = new KubeConfig();
    try {
      if (options.kubeconfig !== undefined) config.loadFromFile(options.kubeconfig);
      else config.loadFromDefault();
      if (options.context !== undefined) config.setCurrentContext(options.context);
    } catch (e: unknown) {
      const where = options.kubeconfig ?? "the default kubeconfig";
      throw new KubeApiError(0, "", `${where}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (options.context !== undefined && config.getContextObject(options.context) === null)
      throw new KubeApiError(0, "", `no context "${options.context}" in the kubeconfig`);
    const cluster = config.getCurrentCluster();
    if (cluster === null || cluster.server === "")
      throw new KubeApiError(0, "", "the kubeconfig names no cluster (no current context?)");
    return new KubeApi(config, trimRight(cluster.server, "/"), options.timeoutMs ?? 30_000);
  }

  /** The JSON at `path` (with its query), e.g. `/api/v1/pods?limit=500`. */
  async get(path: string): Promise<unknown> {
    const url = new URL(this.server + path);
    const options: RequestOptions = {
      method: "GET",
      hostname: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port === "" ? undefined : Number(url.port),
      path: url.pathname + url.search,
      headers: { accept: "application/json" },
    };
    await this.config.applyToHTTPSOptions(options);
    const send = url.protocol === "http:" ? httpRequest : httpsRequest;
    // A plain-HTTP server (a local proxy) takes no TLS agent.
    if (url.protocol === "http:") delete options.agent;
    const text = await new Promise<string>((resolve, reject) => {
      const req = send(options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) {
            req.destroy(new KubeApiError(0, path, `${path}: the answer is over ${MAX_ANSWER_BYTES} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(body);
          else reject(new KubeApiError(status, path, `${path}: ${status} ${statusMessage(status, body)}`));
        });
        res.on("error", reject);
      });
      req.setTimeout(this.timeoutMs, () =>
        req.destroy(new KubeApiError(0, path, `${path}: no answer in ${this.timeoutMs} ms`)),
      );
      req.on("error", (e: Error) =>
        reject(e instanceof KubeApiError ? e : new KubeApiError(0, path, `${path}: ${e.message}`)),
      );
      req.end();
    });
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed;
    } catch {
      throw new KubeApiError(0, path, `${path}: the answer is not JSON`);
    }
  }
}
