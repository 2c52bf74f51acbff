import { describe, expect, it } from "vitest";
import { createCertificateAuthority } from "../certs/generate-certificates.js";
import { EXTERNAL_DATA_GROUP, isProviderDocument, parseProvider } from "./provider-resource.js";

const ca = createCertificateAuthority("provider-ca");
const caBundle = Buffer.from(ca.cert).toString("base64");

function providerDoc(spec: Record<string, unknown>, name: unknown = "my-provider", version = "v1beta1") {
  return { apiVersion: `${EXTERNAL_DATA_GROUP}/${version}`, kind: "Provider", metadata: { name }, spec };
}

function problemOf(doc: Record<string, unknown>): string | undefined {
  const parsed = parseProvider(doc);
  return "problem" in parsed ? parsed.problem : undefined;
}

const goodSpec = { url: "https://provider.example:8090/validate", timeout: 5, caBundle };

describe("parseProvider", () => {
  it.each(["v1beta1", "v1alpha1"])("reads a valid %s Provider", (version) => {
    expect(parseProvider(providerDoc(goodSpec, "my-provider", version))).toEqual({
      provider: { name: "my-provider", url: goodSpec.url, timeoutSeconds: 5, caPem: ca.cert },
    });
  });

  it("takes an absent timeout as 0, as Gatekeeper's CRD has no default, and accepts 0", () => {
    const parsed = parseProvider(providerDoc({ url: goodSpec.url, caBundle }));
    expect("provider" in parsed && parsed.provider.timeoutSeconds).toBe(0);
    const zero = parseProvider(providerDoc({ ...goodSpec, timeout: 0 }));
    expect("provider" in zero && zero.provider.timeoutSeconds).toBe(0);
  });

  it("keeps every certificate of the bundle", () => {
    const other = createCertificateAuthority("other-ca");
    const bundle = `${ca.cert}${other.cert}`;
    const parsed = parseProvider(
      providerDoc({ ...goodSpec, caBundle: Buffer.from(bundle).toString("base64") }),
    );
    expect("provider" in parsed && parsed.provider.caPem).toBe(bundle);
  });

  it("accepts only Provider documents", () => {
    expect(isProviderDocument(providerDoc(goodSpec))).toBe(true);
    expect(isProviderDocument({ ...providerDoc(goodSpec), apiVersion: `${EXTERNAL_DATA_GROUP}/v1` })).toBe(
      false,
    );
    expect(isProviderDocument({ ...providerDoc(goodSpec), kind: "Config" })).toBe(false);
    expect(problemOf({ ...providerDoc(goodSpec), kind: "Config" })).toMatch(/^not a Provider/);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["an empty name", { ...providerDoc(goodSpec, ""), spec: {} }, "provider name can not be empty. value "],
    ["no name", { ...providerDoc({}), metadata: {} }, "provider name can not be empty. value "],
    ["no url", providerDoc({ timeout: -1 }), "invalid provider url. value: "],
    ["an empty url", providerDoc({ url: "" }), "invalid provider url. value: "],
    [
      "a negative timeout",
      providerDoc({ ...goodSpec, url: "http://x", timeout: -2 }),
      "provider timeout should be a positive integer. value: -2",
    ],
    ["a fractional timeout", providerDoc({ ...goodSpec, timeout: 1.5 }), "spec.timeout must be an integer"],
    ["a string timeout", providerDoc({ ...goodSpec, timeout: "3" }), "spec.timeout must be an integer"],
    [
      "an http url",
      providerDoc({ ...goodSpec, url: "http://provider.example" }),
      "only HTTPS scheme is supported for Providers",
    ],
    [
      "a url without scheme",
      providerDoc({ ...goodSpec, url: "provider" }),
      "only HTTPS scheme is supported for Providers",
    ],
    [
      "an unparseable url",
      providerDoc({ ...goodSpec, url: "https://provider:port/" }),
      'parse "https://provider:port/": invalid URI for request',
    ],
    ["no caBundle", providerDoc({ url: goodSpec.url }), "caBundle should be set for HTTPS scheme"],
    [
      "an empty caBundle",
      providerDoc({ ...goodSpec, caBundle: "" }),
      "caBundle should be set for HTTPS scheme",
    ],
    [
      "a caBundle that is no base64",
      providerDoc({ ...goodSpec, caBundle: "not*base64" }),
      "failed to base64 decode caBundle: illegal base64 data at input byte 3",
    ],
    [
      "a caBundle with bad padding",
      providerDoc({ ...goodSpec, caBundle: "QUJD=" }),
      "failed to base64 decode caBundle: illegal base64 data at input byte 4",
    ],
    [
      "a caBundle without PEM",
      providerDoc({ ...goodSpec, caBundle: Buffer.from("just text").toString("base64") }),
      "bad caBundle",
    ],
  ])("rejects %s", (_what, doc, problem) => {
    expect(problemOf(doc)).toBe(problem);
  });

  it("rejects a PEM block that is no certificate", () => {
    const pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    const problem = problemOf(providerDoc({ ...goodSpec, caBundle: Buffer.from(pem).toString("base64") }));
    expect(problem).toMatch(/^failed to parse caBundle: ./);
    const key = Buffer.from(ca.key).toString("base64");
    expect(problemOf(providerDoc({ ...goodSpec, caBundle: key }))).toMatch(/^failed to parse caBundle: ./);
  });

  it("rejects fields of the wrong type", () => {
    expect(problemOf(providerDoc(goodSpec, 7))).toBe("metadata.name must be a string");
    expect(problemOf(providerDoc({ ...goodSpec, url: 7 }))).toBe("spec.url must be a string");
    expect(problemOf(providerDoc({ ...goodSpec, caBundle: 7 }))).toBe("spec.caBundle must be a string");
  });
});
