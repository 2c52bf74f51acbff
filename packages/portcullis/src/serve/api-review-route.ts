import type { ReviewPreviewRequest, ReviewPreviewResponse } from "../api/shapes.js";
import type { ApiResponse } from "./api-routes.js";
import { PreviewError } from "./review-preview.js";

/** The path of the review preview, the one endpoint that takes a body (POST). */
export const REVIEW_PATH = "/api/v1/review";
/** Largest body the review preview reads. */
export const MAX_REVIEW_BODY_BYTES = 1024 * 1024;

function error(status: number, code: string, message: string): ApiResponse {
  return { status, body: { error: { code, message } } };
}

/** The request a body asks for, or the reason it is not one. */
export function readPreviewRequest(body: string): ReviewPreviewRequest | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e: unknown) {
    return `the body is not JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return "the body must be a JSON object";
  const { text, username, operation, trace } = parsed as Record<string, unknown>;
  if (typeof text !== "string") return '"text" must be a string of YAML or JSON';
  if (username !== undefined && typeof username !== "string") return '"username" must be a string';
  if (operation !== undefined && typeof operation !== "string") return '"operation" must be a string';
  if (trace !== undefined && typeof trace !== "boolean") return '"trace" must be true or false';
  return {
    text,
    ...(username !== undefined ? { username } : {}),
    ...(operation !== undefined ? { operation } : {}),
    ...(trace !== undefined ? { trace } : {}),
  };
}

/**
 * `POST /api/v1/review`: a JSON body `{text, username?, operation?, trace?}` (the content type must
 * be JSON, which a page of another origin cannot send without asking first) answered with what
 * the webhook would decide for each document of `text`; 400 for a bad body or text, 415 for another
 * content type, 503 before the policies are loaded.
 */
export async function routeReviewPreview(
  contentType: string | undefined,
  body: string,
  preview: (request: ReviewPreviewRequest) => Promise<ReviewPreviewResponse>,
): Promise<ApiResponse> {
  const type = (contentType ?? "").split(";", 1)[0]?.trim().toLowerCase();
  if (type !== "application/json")
    return error(415, "unsupported_media_type", "send the request as application/json");
  const request = readPreviewRequest(body);
  if (typeof request === "string") return error(400, "bad_request", request);
  try {
    return { status: 200, body: await preview(request) };
  } catch (e: unknown) {
    if (e instanceof PreviewError)
      return e.code === "not_ready"
        ? error(503, "not_ready", e.message)
        : error(400, "bad_request", e.message);
    return error(500, "internal", e instanceof Error ? e.message : String(e));
  }
}
