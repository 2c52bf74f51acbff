import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { SecureVersion } from "node:tls";
import { AdmissionBatcher, type BatchDecider } from "./admission-batcher.js";
import { type AdmissionVerdict, admissionReviewReply, errored } from "./admission-response.js";
import { type AdmissionRequest, type AdmissionVersion, isJsonContentType } from "./admission-review.js";
import { type ClientAuth, clientIdentityProblem } from "./client-auth.js";
import { DEFAULT_WEBHOOK_TIMEOUT_MS, parseTimeoutParam, requestDeadline } from "./deadline.js";
import { MAX_BODY_BYTES, readBody } from "./read-body.js";
import { decideReceived, type ReceivedAnswer, type ReceivedCall, replyIdentity } from "./received-batch.js";
import { WebhookError } from "./webhook-error.js";

/** One validated AdmissionRequest to decide before `deadline` (ms since the epoch). */
export interface AdmissionCall {
  readonly request: AdmissionRequest;
  readonly deadline: number;
  /** The AdmissionReview as received (what a worker thread is sent). */
  readonly body: string;
}

/** Decides a batch of admission requests: one verdict per call, in order. */
export type AdmissionEndpoint = BatchDecider<AdmissionCall, AdmissionVerdict>;

/**
 * Default most requests decided together: past 16 requests of 5 KB, the live reviews of a batch
 * make V8 pretenure their allocation sites, and young-generation GC costs three times as much
 * (decision 0014).
 */
export const DEFAULT_MAX_BATCH = 16;

/** Options of a {@link WebhookServer}. */
export interface WebhookServerOptions {
  /** Address to listen on (default all interfaces). */
  readonly host?: string;
  /** Port (0 picks a free one). */
  readonly port: number;
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
  /** Minimum TLS version (default TLSv1.3, Gatekeeper's `--tls-min-version=1.3`). */
  readonly tlsMinVersion?: SecureVersion;
  /** Handlers by path (`/v1/admit`, `/v1/admitlabel`). */
  readonly endpoints: Readonly<Record<string, AdmissionEndpoint>>;
  /** Largest accepted body (default 3 MiB). */
  readonly maxBodyBytes?: number;
  /** The webhook timeout the evaluation deadline is derived from (default 3 s). */
  readonly webhookTimeoutMs?: number;
  /** Time allowed to receive a whole request before answering 408 and closing (default 10 s). */
  readonly readTimeoutMs?: number;
  /**
   * Most requests decided together (default {@link DEFAULT_MAX_BATCH}). Requests that arrive while
   * a batch is decided wait, and go into the next batch.
   */
  readonly maxBatch?: number;
  /** Batches decided at once, by path (default 1): one per worker thread deciding them. */
  readonly lanes?: Readonly<Record<string, number>>;
  /** Told of every request answered with an error (bad input, cancellation, internal error). */
  readonly onRequestError?: (path: string, error: Error) => void;
  /** Callers must present a client certificate this accepts (`--client-ca-name`); absent: none asked. */
  readonly clientAuth?: ClientAuth;
  /** Told of every connection refused for its client certificate, with the reason. */
  readonly onClientRefused?: (reason: string) => void;
}

function send(res: ServerResponse, httpStatus: number, body: unknown, close = false): void {
  if (res.headersSent || res.destroyed) return;
  // Encoded once: its length is the header's, and the socket writes the bytes as they are.
  const bytes = Buffer.from(JSON.stringify(body), "utf8");
  const headers: Record<string, string | number> = {
    "content-type": "application/json",
    "content-length": bytes.length,
  };
  if (close) headers.connection = "close";
  res.writeHead(httpStatus, headers);
  res.end(bytes);
}

function plain(
  res: ServerResponse,
  httpStatus: number,
  text: string,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(httpStatus, { "content-type": "text/plain; charset=utf-8", ...extra });
  res.end(`${text}\n`);
}

/**
 * The webhook's HTTPS server: AdmissionReviews (v1 and v1beta1, answered in the version asked, the
 * uid echoed) POSTed to the configured paths. Bodies over the limit get 413, malformed reviews an
 * AdmissionReview error with code 400, slow clients 408, and a per-request deadline under the
 * webhook timeout bounds queueing and evaluation. A bad request never stops the server.
 */
export class WebhookServer {
  readonly server: Server;
  private readonly batchers = new Map<string, AdmissionBatcher<ReceivedCall, ReceivedAnswer>>();
  private readonly maxBody: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: WebhookServerOptions) {
    const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
    for (const [path, endpoint] of Object.entries(options.endpoints)) {
      const lanes = options.lanes?.[path] ?? 1;
      this.batchers.set(path, new AdmissionBatcher(decideReceived(endpoint), { lanes, maxBatch }));
    }
    this.maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
    this.timeoutMs = options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    const readTimeout = options.readTimeoutMs ?? 10000;
    this.server = createServer(
      {
        cert: options.cert,
        key: options.key,
        minVersion: options.tlsMinVersion ?? "TLSv1.3",
        requestTimeout: readTimeout,
        headersTimeout: readTimeout,
        keepAliveTimeout: 30000,
        connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(readTimeout / 4))),
        ...(options.clientAuth !== undefined
          ? { requestCert: true, rejectUnauthorized: true, ca: options.clientAuth.ca }
          : {}),
      },
      (req, res) => {
        this.handle(req, res).catch((e: unknown) => this.internalError(res, "", e));
      },
    );
    const clientAuth = options.clientAuth;
    if (clientAuth !== undefined) {
      // The chain was verified during the handshake; the name is checked as soon as it ends.
      this.server.on("secureConnection", (socket) => {
        const problem = clientIdentityProblem(socket.getPeerCertificate(), clientAuth.commonName);
        if (problem === undefined) return;
        options.onClientRefused?.(problem);
        socket.destroy();
      });
      this.server.on("tlsClientError", (e) => options.onClientRefused?.(e.message));
    }
  }

  /** Starts listening; resolves with the port bound. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      this.server.once("error", onError);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off("error", onError);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Replaces the serving certificate for new connections (certificate rotation). */
  setCertificate(cert: string | Buffer, key: string | Buffer): void {
    const ca = this.options.clientAuth?.ca;
    this.server.setSecureContext(ca === undefined ? { cert, key } : { cert, key, ca });
  }

  /** Stops accepting connections and closes idle and active ones. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    const batcher = this.batchers.get(path);
    if (batcher === undefined) return plain(res, 404, "404 page not found");
    if (req.method !== "POST") return plain(res, 405, "method not allowed", { allow: "POST" });
    const timeoutParam = q < 0 ? null : new URLSearchParams(url.slice(q + 1)).get("timeout");
    const deadline = requestDeadline(Date.now(), this.timeoutMs, parseTimeoutParam(timeoutParam));
    let version: AdmissionVersion = "v1";
    let uid = "";
    try {
      const contentType = req.headers["content-type"];
      if (!isJsonContentType(contentType)) {
        throw new WebhookError(
          "content_type",
          400,
          `contentType=${contentType ?? ""}, expected application/json`,
        );
      }
      const body = await readBody(req, this.maxBody);
      const answer = await batcher.submit({ body, deadline }).catch((e: unknown) => {
        // Cancelled before its batch: nothing has read the body yet.
        ({ version, uid } = replyIdentity(body));
        throw e;
      });
      ({ version, uid } = answer);
      if ("error" in answer) throw answer.error;
      send(res, 200, admissionReviewReply(version, uid, answer.verdict));
    } catch (e: unknown) {
      if (!(e instanceof WebhookError)) return this.internalError(res, path, e, version, uid);
      this.options.onRequestError?.(path, e);
      const tooLarge = e.code === "body_too_large";
      send(
        res,
        tooLarge ? 413 : 200,
        admissionReviewReply(version, uid, errored(e.status, e.message)),
        tooLarge,
      );
    }
  }

  private internalError(
    res: ServerResponse,
    path: string,
    e: unknown,
    version: AdmissionVersion = "v1",
    uid = "",
  ): void {
    const error = e instanceof Error ? e : new Error(String(e));
    this.options.onRequestError?.(path, error);
    send(res, 200, admissionReviewReply(version, uid, errored(500, error.message)));
  }
}
