import { describe, expect, it } from "vitest";
import { reviewHeading, reviewRequest, verdictOf } from "./review-info.js";

describe("verdictOf", () => {
  it("names a denial, an error and a bad Gatekeeper resource with their codes", () => {
    expect(verdictOf({ allowed: false, code: 403, warnings: [] })).toEqual({
      label: "Denied 403",
      tone: "denied",
    });
    expect(verdictOf({ allowed: false, code: 500, warnings: [] })).toEqual({
      label: "Error 500",
      tone: "error",
    });
    expect(verdictOf({ allowed: false, code: 422, warnings: [] })).toEqual({
      label: "Invalid 422",
      tone: "error",
    });
  });

  it("counts a denial that also warns as a denial", () => {
    expect(verdictOf({ allowed: false, code: 403, warnings: ["careful"] }).label).toBe("Denied 403");
  });

  it("calls any other refusal a denial, with its code when there is one", () => {
    expect(verdictOf({ allowed: false, code: 400, warnings: [] })).toEqual({
      label: "Denied 400",
      tone: "denied",
    });
    expect(verdictOf({ allowed: false, code: 0, warnings: [] }).label).toBe("Denied");
  });

  it("names an allowance with warnings, by its warnings or its 299", () => {
    expect(verdictOf({ allowed: true, code: 299, warnings: ["[c] careful"] })).toEqual({
      label: "Allowed with warnings 299",
      tone: "warned",
    });
    expect(verdictOf({ allowed: true, code: 299, warnings: [] }).tone).toBe("warned");
    expect(verdictOf({ allowed: true, code: 200, warnings: ["w"] }).label).toBe("Allowed with warnings");
  });

  it("names a plain allowance without its 200", () => {
    expect(verdictOf({ allowed: true, code: 200, warnings: [] })).toEqual({
      label: "Allowed",
      tone: "allowed",
    });
    expect(verdictOf({ allowed: true, code: 0, warnings: [] }).label).toBe("Allowed");
  });
});

describe("reviewHeading", () => {
  const object = { apiVersion: "v1", kind: "Pod", namespace: "default", name: "nginx" };

  it("names a namespaced object by kind, namespace and name", () => {
    expect(reviewHeading({ document: 1, object })).toBe("Pod default/nginx");
  });

  it("leaves the namespace out for a cluster-scoped object", () => {
    expect(reviewHeading({ document: 2, object: { ...object, kind: "Namespace", namespace: "" } })).toBe(
      "Namespace nginx",
    );
  });

  it("shows what is known, and the document's position when nothing is", () => {
    expect(reviewHeading({ document: 3, object: { ...object, name: "" } })).toBe("Pod");
    expect(reviewHeading({ document: 4, object: { ...object, kind: "" } })).toBe("default/nginx");
    expect(
      reviewHeading({ document: 5, object: { apiVersion: "", kind: "", namespace: "", name: "" } }),
    ).toBe("Document 5");
  });
});

describe("reviewRequest", () => {
  it("sends the text as it is, with the operation", () => {
    expect(reviewRequest({ text: "  kind: Pod\n", username: "", operation: "CREATE", trace: false })).toEqual(
      {
        text: "  kind: Pod\n",
        operation: "CREATE",
      },
    );
  });

  it("trims the username and leaves a blank one out", () => {
    expect(reviewRequest({ text: "x", username: "  alice ", operation: "UPDATE", trace: false })).toEqual({
      text: "x",
      username: "alice",
      operation: "UPDATE",
    });
    expect(
      reviewRequest({ text: "x", username: "   ", operation: "DELETE", trace: false }),
    ).not.toHaveProperty("username");
  });

  it("asks for a trace only when ticked", () => {
    expect(reviewRequest({ text: "x", username: "", operation: "CREATE", trace: true })).toEqual({
      text: "x",
      operation: "CREATE",
      trace: true,
    });
  });
});
