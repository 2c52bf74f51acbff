import { isJsonObject } from "./json-fields.js";
import { parseWithLazyManagedFields } from "./lazy-managed-fields.js";
import { WebhookError } from "./webhook-error.js";

/** A JSON object as parsed. */
export type JsonObject = Record<string, unknown>;

/** The AdmissionReview versions the webhook answers, each in its own version. */
export const ADMISSION_VERSIONS = ["v1", "v1beta1"] as const;
/** `admission.k8s.io/v1` or `admission.k8s.io/v1beta1`. */
export type AdmissionVersion = (typeof ADMISSION_VERSIONS)[number];

const ADMISSION_GROUP = "admission.k8s.io";

/** An AdmissionRequest with the fields the webhook relies on checked. */
export interface AdmissionRequest extends JsonObject {
  readonly uid: string;
}

/** A parsed, validated AdmissionReview. */
export interface ParsedReview {
  readonly version: AdmissionVersion;
  readonly request: AdmissionRequest;
}

/** True for `application/json`, with or without parameters such as `charset`. */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semi = contentType.indexOf(";");
  const media = (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return media === "application/json";
}

/**
 * The version an AdmissionReview document asks in, when it names one we answer; used to answer
 * errors in the version asked even when the rest of the document is bad.
 */
export function requestedVersion(doc: unknown): AdmissionVersion | undefined {
  if (!isJsonObject(doc)) return undefined;
  const apiVersion = doc.apiVersion;
  if (apiVersion === `${ADMISSION_GROUP}/v1`) return "v1";
  if (apiVersion === `${ADMISSION_GROUP}/v1beta1`) return "v1beta1";
  return undefined;
}

/** The uid of a document's request, "" when it has none. */
export function requestUid(doc: unknown): string {
  if (!isJsonObject(doc) || !isJsonObject(doc.request)) return "";
  const uid = doc.request.uid;
  return typeof uid === "string" ? uid : "";
}

/**
 * Parses the body text as JSON (objects' managedFields when read: {@link parseWithLazyManagedFields});
 * throws {@link WebhookError} `body_not_json` (400).
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") throw new WebhookError("body_empty", 400, "request body is empty");
  try {
    return parseWithLazyManagedFields(text);
  } catch (e: unknown) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new WebhookError("body_not_json", 400, `couldn't decode the AdmissionReview: ${detail}`);
  }
}

/**
 * Checks that a parsed document is an AdmissionReview of a version we answer, carrying a request
 * with a uid. Throws {@link WebhookError} (status 400) naming what is wrong.
 */
export function validateAdmissionReview(doc: unknown): ParsedReview {
  if (!isJsonObject(doc))
    throw new WebhookError("review_not_object", 400, "the AdmissionReview is not an object");
  if (doc.kind !== "AdmissionReview") {
    throw new WebhookError(
      "review_kind",
      400,
      `expected kind AdmissionReview, got ${JSON.stringify(doc.kind ?? null)}`,
    );
  }
  const version = requestedVersion(doc);
  if (version === undefined) {
    throw new WebhookError(
      "review_api_version",
      400,
      `unsupported AdmissionReview apiVersion ${JSON.stringify(doc.apiVersion ?? null)}: use ${ADMISSION_VERSIONS.map((v) => `${ADMISSION_GROUP}/${v}`).join(" or ")}`,
    );
  }
  const request = doc.request;
  if (!isJsonObject(request))
    throw new WebhookError("review_no_request", 400, "got an empty AdmissionRequest");
  const uid = request.uid;
  if (typeof uid !== "string" || uid === "") {
    throw new WebhookError("review_no_uid", 400, "the AdmissionRequest has no uid");
  }
  return { version, request: request as AdmissionRequest };
}
