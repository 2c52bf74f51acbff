import type { AdmissionVersion } from "./admission-review.js";

/** `metav1.Status` as an AdmissionResponse carries it (Go always writes `metadata: {}`). */
export interface AdmissionStatus {
  readonly metadata: Record<string, never>;
  readonly message?: string;
  readonly reason?: string;
  readonly code: number;
}

/** An AdmissionResponse without its uid (filled in when the review is answered). */
export interface AdmissionVerdict {
  readonly allowed: boolean;
  readonly status: AdmissionStatus;
  readonly warnings?: readonly string[];
}

/** The AdmissionReview document sent back. */
export interface AdmissionReviewReply {
  readonly apiVersion: string;
  readonly kind: "AdmissionReview";
  readonly response: AdmissionVerdict & { readonly uid: string };
}

/** HTTP-style code of an allowed response carrying warnings (Kubernetes shows them). */
export const WARNING_CODE = 299;

function status(code: number, message?: string, reason?: string): AdmissionStatus {
  return {
    metadata: {},
    ...(message !== undefined && message !== "" ? { message } : {}),
    ...(reason !== undefined ? { reason } : {}),
    code,
  };
}

/** Allowed, with an optional message (controller-runtime's `Allowed`). */
export function allowed(message?: string): AdmissionVerdict {
  return { allowed: true, status: status(200, message) };
}

/** Allowed with warnings: code 299 when there are warnings, 200 otherwise. */
export function allowedWithWarnings(warnings: readonly string[]): AdmissionVerdict {
  if (warnings.length === 0) return { allowed: true, status: status(200) };
  return { allowed: true, status: status(WARNING_CODE), warnings };
}

/** Denied: code 403, reason Forbidden, the messages joined by newlines; warnings still attached. */
export function denied(messages: readonly string[], warnings: readonly string[] = []): AdmissionVerdict {
  return {
    allowed: false,
    status: status(403, messages.join("\n"), "Forbidden"),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** An error answered as a denial carrying the error (controller-runtime's `Errored`). */
export function errored(code: number, message: string): AdmissionVerdict {
  return { allowed: false, status: status(code, message) };
}

/** Wraps a verdict in an AdmissionReview of the version asked, echoing the request's uid. */
export function admissionReviewReply(
  version: AdmissionVersion,
  uid: string,
  verdict: AdmissionVerdict,
): AdmissionReviewReply {
  return {
    apiVersion: `admission.k8s.io/${version}`,
    kind: "AdmissionReview",
    response: { uid, ...verdict },
  };
}
