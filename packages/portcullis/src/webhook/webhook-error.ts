/** Stable codes of {@link WebhookError}. */
export type WebhookErrorCode =
  | "body_empty"
  | "body_too_large"
  | "body_not_json"
  | "content_type"
  | "review_not_object"
  | "review_kind"
  | "review_api_version"
  | "review_no_request"
  | "review_no_uid"
  | "serving_canceled";

/**
 * A request the webhook cannot review. `status` is the HTTP-style code carried in the
 * AdmissionResponse's `status.code` (400 for malformed reviews, 413 for oversized bodies).
 */
export class WebhookError extends Error {
  readonly code: WebhookErrorCode;
  readonly status: number;

  constructor(code: WebhookErrorCode, status: number, message: string) {
    super(message);
    this.name = "WebhookError";
    this.code = code;
    this.status = status;
  }
}
