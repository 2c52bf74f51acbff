import type { IncomingMessage } from "node:http";
import { WebhookError } from "./webhook-error.js";

/** Gatekeeper-compatible cap on an AdmissionReview body: 3 MiB. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

function tooLarge(limit: number): WebhookError {
  return new WebhookError("body_too_large", 413, `request entity is too large; limit is ${limit} bytes`);
}

/**
 * Reads a request body as UTF-8, refusing more than `limit` bytes: a declared Content-Length over
 * the limit is refused before reading, and a body growing past it stops being read. Rejects with
 * {@link WebhookError} `body_too_large` (413), or with the stream's error.
 */
export function readBody(req: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: Error | undefined): void => {
      if (done) return;
      done = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onAborted);
      if (error !== undefined) reject(error);
      else
        resolve(
          chunks.length === 1 ? (chunks[0]?.toString("utf8") ?? "") : Buffer.concat(chunks).toString("utf8"),
        );
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish(undefined);
    const onError = (e: Error): void => finish(e);
    const onAborted = (): void => finish(new Error("the client aborted the request"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onAborted);
  });
}
