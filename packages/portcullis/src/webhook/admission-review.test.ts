import { describe, expect, it } from "vitest";
import { admissionReviewReply, allowed } from "./admission-response.js";
import {
  isJsonContentType,
  parseJsonBody,
  requestedVersion,
  requestUid,
  validateAdmissionReview,
} from "./admission-review.js";
import { WebhookError } from "./webhook-error.js";

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e: unknown) {
    return e instanceof WebhookError ? `${e.status} ${e.code}` : String(e);
  }
  return undefined;
}

const review = (apiVersion: string, request: unknown = { uid: "u1" }) => ({
  apiVersion,
  kind: "AdmissionReview",
  request,
});

describe("AdmissionReview parsing", () => {
  it("accepts v1 and v1beta1 and reports the version asked", () => {
    expect(validateAdmissionReview(review("admission.k8s.io/v1")).version).toBe("v1");
    expect(validateAdmissionReview(review("admission.k8s.io/v1beta1")).version).toBe("v1beta1");
  });

  it("rejects malformed JSON, other kinds and versions, no request and no uid with 400", () => {
    expect(code(() => parseJsonBody("{nope"))).toBe("400 body_not_json");
    expect(code(() => parseJsonBody("  "))).toBe("400 body_empty");
    expect(code(() => validateAdmissionReview([]))).toBe("400 review_not_object");
    expect(code(() => validateAdmissionReview({ ...review("admission.k8s.io/v1"), kind: "Pod" }))).toBe(
      "400 review_kind",
    );
    expect(code(() => validateAdmissionReview(review("admission.k8s.io/v2")))).toBe("400 review_api_version");
    expect(code(() => validateAdmissionReview(review("admission.k8s.io/v1", null)))).toBe(
      "400 review_no_request",
    );
    expect(code(() => validateAdmissionReview(review("admission.k8s.io/v1", { uid: "" })))).toBe(
      "400 review_no_uid",
    );
  });

  it("reads the version and uid of bad documents for the error reply", () => {
    expect(requestedVersion(review("admission.k8s.io/v1beta1"))).toBe("v1beta1");
    expect(requestedVersion({ apiVersion: 3 })).toBeUndefined();
    expect(requestUid(review("admission.k8s.io/v1", { uid: "abc" }))).toBe("abc");
    expect(requestUid("x")).toBe("");
  });

  it("checks the content type like controller-runtime, allowing parameters", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("application/json; charset=utf-8")).toBe(true);
    expect(isJsonContentType("text/plain")).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });

  it("answers in the version asked with the uid echoed", () => {
    expect(admissionReviewReply("v1beta1", "u9", allowed())).toEqual({
      apiVersion: "admission.k8s.io/v1beta1",
      kind: "AdmissionReview",
      response: { uid: "u9", allowed: true, status: { metadata: {}, code: 200 } },
    });
  });
});
