import { describe, expect, it } from "vitest";
import type { PlainObject, Value } from "../value/value.js";
import { base64Encode, STD_ENCODING } from "./crypto/base64.js";
import { utf8Encode } from "./crypto/bytes.js";
import { CSR_PEM, INTER_PEM, LEAF_PEM, ROOT_PEM } from "./crypto/test-fixtures.js";
import { cryptoBuiltins } from "./crypto.js";
import { BuiltinError } from "./errors.js";
import { callBuiltin, testContext } from "./test-context.js";

const call = (name: string, ...args: Value[]) => callBuiltin(cryptoBuiltins, name, ...args);
const impl = (name: string) => {
  const d = cryptoBuiltins.find((b) => b.decl.name === name);
  if (d === undefined) throw new Error(name);
  return d.impl;
};
const IN_2030 = 1893456000000000000n;

describe("crypto.x509.parse_certificates", () => {
  it("parses a PEM chain into Go's certificate shape", () => {
    const certs = call("crypto.x509.parse_certificates", LEAF_PEM + INTER_PEM + ROOT_PEM) as PlainObject[];
    expect(certs).toHaveLength(3);
    const leaf = certs[0] as PlainObject;
    expect((leaf.Subject as PlainObject).CommonName).toBe("leaf.example.com");
    expect((leaf.Subject as PlainObject).Organization).toEqual(["Example"]);
    expect((leaf.Issuer as PlainObject).CommonName).toBe("Test Intermediate");
    expect(leaf.DNSNames).toEqual(["leaf.example.com", "*.svc.example.com"]);
    expect(leaf.IPAddresses).toEqual(["10.0.0.1"]);
    expect(leaf.EmailAddresses).toEqual(["ops@example.com"]);
    expect(leaf.URIStrings).toEqual(["spiffe://example.com/leaf"]);
    expect(leaf.ExtKeyUsage).toEqual([1, 2]);
    expect(leaf.KeyUsage).toBe(1);
    expect(leaf.SignatureAlgorithm).toBe(5);
    expect(leaf.PublicKeyAlgorithm).toBe(3);
    expect(leaf.Version).toBe(3);
    expect(leaf.SerialNumber).toBe(BigInt("0x0644DDD6246C4E46E8318C9422EB371BFEB8640B"));
    expect(leaf.NotBefore).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(leaf.BasicConstraintsValid).toBe(true);
    expect(leaf.IsCA).toBe(false);
    const inter = certs[1] as PlainObject;
    expect(inter.IsCA).toBe(true);
    expect(inter.MaxPathLen).toBe(0);
    expect(inter.MaxPathLenZero).toBe(true);
    expect(inter.URIStrings).toBeNull();
    expect((inter.PublicKey as PlainObject).E).toBe(65537);
  });

  it("accepts base64 PEM and base64 DER", () => {
    const b64 = base64Encode(utf8Encode(ROOT_PEM), STD_ENCODING);
    const [root] = call("crypto.x509.parse_certificates", b64) as PlainObject[];
    expect((root?.Subject as PlainObject | undefined)?.CommonName).toBe("Test Root");
  });

  it("reports Go's errors", () => {
    expect(() => call("crypto.x509.parse_certificates", "YmFkc3RyaW5n")).toThrow(
      "x509: malformed certificate",
    );
    expect(() => call("crypto.x509.parse_certificates", "foobar")).toThrow(
      "illegal base64 data at input byte 4",
    );
    expect(() => call("crypto.x509.parse_certificates", CSR_PEM)).toThrow(
      "PEM block type is 'CERTIFICATE REQUEST', expected CERTIFICATE",
    );
  });
});

describe("crypto.x509.parse_and_verify_certificates", () => {
  const chain = ROOT_PEM + INTER_PEM + LEAF_PEM;

  it("verifies root, intermediate and leaf, returning the chain leaf first", () => {
    const r = impl("crypto.x509.parse_and_verify_certificates")(
      [chain],
      testContext({ nowNs: IN_2030 }),
    ) as Value[];
    expect(r[0]).toBe(true);
    const certs = r[1] as PlainObject[];
    expect(certs.map((c) => (c.Subject as PlainObject).CommonName)).toEqual([
      "leaf.example.com",
      "Test Intermediate",
      "Test Root",
    ]);
  });

  it("fails outside the validity period, for a single certificate and for garbage", () => {
    expect(impl("crypto.x509.parse_and_verify_certificates")([chain], testContext({ nowNs: 1000n }))).toEqual(
      [false, []],
    );
    expect(call("crypto.x509.parse_and_verify_certificates", ROOT_PEM)).toEqual([false, []]);
    expect(call("crypto.x509.parse_and_verify_certificates", "junk")).toEqual([false, []]);
    expect(
      impl("crypto.x509.parse_and_verify_certificates")(
        [LEAF_PEM + INTER_PEM + ROOT_PEM],
        testContext({ nowNs: IN_2030 }),
      ),
    ).toEqual([false, []]);
  });

  it("applies options", () => {
    const f = impl("crypto.x509.parse_and_verify_certificates_with_options");
    const ctx = testContext();
    const t = Number(IN_2030);
    expect((f([chain, { CurrentTime: t, DNSName: "leaf.example.com" }], ctx) as Value[])[0]).toBe(true);
    expect((f([chain, { CurrentTime: t, DNSName: "a.svc.example.com" }], ctx) as Value[])[0]).toBe(true);
    expect(f([chain, { CurrentTime: t, DNSName: "other.example.com" }], ctx)).toEqual([false, []]);
    expect((f([chain, { CurrentTime: t, KeyUsages: ["KeyUsageClientAuth"] }], ctx) as Value[])[0]).toBe(true);
    expect(f([chain, { CurrentTime: t, KeyUsages: ["KeyUsageCodeSigning"] }], ctx)).toEqual([false, []]);
    expect(() => f([chain, { KeyUsages: ["Nope"] }], ctx)).toThrow(
      "invalid entries for 'KeyUsages' found: [Nope]",
    );
    expect(() => f([chain, { DNSName: 1 }], ctx)).toThrow("'DNSName' should be a string");
    expect(() => f([chain, { Other: 1 }], ctx)).toThrow("invalid key option");
  });
});

describe("crypto.x509.parse_certificate_request", () => {
  it("parses PEM, base64 PEM and base64 DER", () => {
    const csr = call("crypto.x509.parse_certificate_request", CSR_PEM) as PlainObject;
    expect((csr.Subject as PlainObject).CommonName).toBe("csr.example.com");
    expect(csr.DNSNames).toEqual(["csr.example.com"]);
    expect(csr.PublicKeyAlgorithm).toBe(3);
    const b64 = base64Encode(utf8Encode(CSR_PEM), STD_ENCODING);
    expect(
      ((call("crypto.x509.parse_certificate_request", b64) as PlainObject).Subject as PlainObject).CommonName,
    ).toBe("csr.example.com");
  });

  it("reports Go's asn1 and base64 errors", () => {
    expect(() => call("crypto.x509.parse_certificate_request", "YmFkc3RyaW5n")).toThrow(
      "asn1: structure error",
    );
    expect(() => call("crypto.x509.parse_certificate_request", "foobar")).toThrow(BuiltinError);
  });
});
