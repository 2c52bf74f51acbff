import { describe, expect, it } from "vitest";
import type { PlainObject, Value } from "../value/value.js";
import { base64Encode, STD_ENCODING } from "./crypto/base64.js";
import { utf8Encode } from "./crypto/bytes.js";
import {
  ED25519_KEY,
  INTER_KEY_PKCS1,
  INTER_PEM,
  LEAF_KEY_PKCS8,
  LEAF_KEY_SEC1,
  LEAF_PEM,
} from "./crypto/test-fixtures.js";
import { cryptoBuiltins } from "./crypto.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]) => callBuiltin(cryptoBuiltins, name, ...args);

describe("crypto.parse_private_keys", () => {
  it("parses PKCS #1, PKCS #8 and SEC 1 blocks, optionally base64-wrapped", () => {
    const keys = call(
      "crypto.parse_private_keys",
      INTER_KEY_PKCS1 + LEAF_KEY_SEC1 + LEAF_KEY_PKCS8,
    ) as PlainObject[];
    expect(keys).toHaveLength(3);
    const rsa = keys[0] as PlainObject;
    expect(rsa.E).toBe(65537);
    expect(rsa.Primes).toHaveLength(2);
    expect((rsa.Precomputed as PlainObject).CRTValues).toEqual([]);
    expect(keys[1]).toEqual(keys[2]);
    expect((keys[1] as PlainObject).Curve).toEqual({});
    const wrapped = call(
      "crypto.parse_private_keys",
      base64Encode(utf8Encode(LEAF_KEY_SEC1), STD_ENCODING),
    ) as Value[];
    expect(wrapped).toEqual([keys[1]]);
    expect(call("crypto.parse_private_keys", ED25519_KEY)).toHaveLength(1);
  });

  it("returns null for empty input and [] without keys", () => {
    expect(call("crypto.parse_private_keys", "")).toBeNull();
    expect(call("crypto.parse_private_keys", "nope")).toEqual([]);
  });
});

describe("crypto.x509.parse_rsa_private_key", () => {
  it("returns a JWK", () => {
    const jwk = call("crypto.x509.parse_rsa_private_key", INTER_KEY_PKCS1) as PlainObject;
    expect(jwk.kty).toBe("RSA");
    expect(jwk.e).toBe("AQAB");
    for (const k of ["n", "d", "p", "q", "dp", "dq", "qi"]) expect(typeof jwk[k]).toBe("string");
    const ec = call(
      "crypto.x509.parse_rsa_private_key",
      base64Encode(utf8Encode(LEAF_KEY_SEC1), STD_ENCODING),
    ) as PlainObject;
    expect(ec).toMatchObject({ kty: "EC", crv: "P-384" });
  });

  it("rejects empty input", () => {
    expect(() => call("crypto.x509.parse_rsa_private_key", "")).toThrow("input PEM data was empty");
  });
});

describe("crypto.x509.parse_keypair", () => {
  it("returns Go's tls.Certificate shape", () => {
    const pair = call("crypto.x509.parse_keypair", LEAF_PEM, LEAF_KEY_PKCS8) as PlainObject;
    expect(pair.Certificate).toHaveLength(1);
    expect(((pair.Leaf as PlainObject).Subject as PlainObject).CommonName).toBe("leaf.example.com");
    expect((pair.PrivateKey as PlainObject).D).toBeDefined();
  });

  it("checks that the key matches the certificate", () => {
    expect(() => call("crypto.x509.parse_keypair", INTER_PEM, LEAF_KEY_SEC1)).toThrow(
      "tls: private key type does not match public key type",
    );
    expect(() => call("crypto.x509.parse_keypair", LEAF_KEY_SEC1, LEAF_KEY_SEC1)).toThrow(
      "PEM inputs may have been switched",
    );
  });
});
