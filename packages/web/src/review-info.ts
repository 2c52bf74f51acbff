import type { ReviewPreview, ReviewPreviewRequest } from "./api-types.js";
import { formatNamespacedName } from "./format.js";

/** The operations a review can send objects as; the first is the server's default. */
export const REVIEW_OPERATIONS = ["CREATE", "UPDATE", "DELETE"] as const;

/** How a review came out, as its badge's colour says it. */
export type VerdictTone = "allowed" | "warned" | "denied" | "error";

/** A review's verdict: `Denied 403`, `Allowed with warnings 299`, `Allowed`, `Error 500`. */
export interface Verdict {
  readonly label: string;
  readonly tone: VerdictTone;
}

/** HTTP-like codes an admission response carries that need no mention. */
const PLAIN_ALLOWED = 200;
const WARNED = 299;
const DENIED = 403;
const INVALID = 422;

function withCode(label: string, code: number): string {
  return code > 0 ? `${label} ${code}` : label;
}

/**
 * The verdict of a review from its admission response: denied (403), refused for an error (500, or
 * 422 for a Gatekeeper resource that is not valid, or any other code), allowed with warnings (any
 * warning, or 299), or allowed. The code is shown unless it is the plain 200 of an allowance.
 */
export function verdictOf(review: Pick<ReviewPreview, "allowed" | "code" | "warnings">): Verdict {
  const { allowed, code, warnings } = review;
  if (!allowed) {
    if (code === DENIED) return { label: withCode("Denied", code), tone: "denied" };
    if (code === INVALID) return { label: withCode("Invalid", code), tone: "error" };
    if (code >= 500) return { label: withCode("Error", code), tone: "error" };
    return { label: withCode("Denied", code), tone: "denied" };
  }
  const shown = code === PLAIN_ALLOWED ? 0 : code;
  if (warnings.length > 0 || code === WARNED)
    return { label: withCode("Allowed with warnings", shown), tone: "warned" };
  return { label: withCode("Allowed", shown), tone: "allowed" };
}

/**
 * What a review is about, for its heading: `Kind namespace/name`, `Kind name` for a cluster-scoped
 * object, as much as is known; `Document N` when nothing is.
 */
export function reviewHeading(review: Pick<ReviewPreview, "document" | "object">): string {
  const { kind, namespace, name } = review.object;
  const target = name === "" ? "" : formatNamespacedName(namespace, name);
  const parts = [kind, target].filter((p) => p !== "");
  return parts.length > 0 ? parts.join(" ") : `Document ${review.document}`;
}

/** What the review form holds. */
export interface ReviewFields {
  readonly text: string;
  readonly username: string;
  readonly operation: string;
  readonly trace: boolean;
}

/**
 * The request of the review form's fields: the text as it is, the username trimmed and left out when
 * blank (the server then sends its own), the operation, and `trace` only when asked for.
 */
export function reviewRequest(fields: ReviewFields): ReviewPreviewRequest {
  const username = fields.username.trim();
  return {
    text: fields.text,
    ...(username !== "" ? { username } : {}),
    operation: fields.operation,
    ...(fields.trace ? { trace: true } : {}),
  };
}
