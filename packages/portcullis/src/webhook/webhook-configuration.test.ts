import { describe, expect, it } from "vitest";
import { validatingWebhookConfiguration } from "./webhook-configuration.js";

describe("validatingWebhookConfiguration", () => {
  it("uses Gatekeeper's defaults and fills in the CA bundle", () => {
    const doc = validatingWebhookConfiguration({
      target: { service: { name: "gatekeeper-webhook-service", namespace: "gatekeeper-system", port: 443 } },
      caPem: "PEM",
    });
    const [validation, label] = doc.webhooks as Record<string, unknown>[];
    expect(doc.metadata).toEqual({
      name: "gatekeeper-validating-webhook-configuration",
      labels: { "gatekeeper.sh/system": "yes" },
    });
    expect(validation).toMatchObject({
      name: "validation.gatekeeper.sh",
      failurePolicy: "Ignore",
      timeoutSeconds: 3,
      matchPolicy: "Exact",
      admissionReviewVersions: ["v1", "v1beta1"],
      clientConfig: {
        caBundle: Buffer.from("PEM").toString("base64"),
        service: {
          name: "gatekeeper-webhook-service",
          namespace: "gatekeeper-system",
          path: "/v1/admit",
          port: 443,
        },
      },
    });
    expect(label).toMatchObject({ name: "check-ignore-label.gatekeeper.sh", failurePolicy: "Fail" });
  });

  it("points at a URL when given one", () => {
    const doc = validatingWebhookConfiguration({ target: { url: "https://10.0.0.5:8443/" }, caPem: "PEM" });
    const [validation] = doc.webhooks as { clientConfig: { url: string } }[];
    expect(validation?.clientConfig.url).toBe("https://10.0.0.5:8443/v1/admit");
  });
});
