import { describe, expect, it } from "vitest";
import type { PlainObject, Value } from "../value/value.js";
import { ED25519_KEY, INTER_KEY_PKCS1, INTER_PEM, LEAF_KEY_SEC1, LEAF_PEM } from "./crypto/test-fixtures.js";
import { cryptoBuiltins } from "./crypto.js";
import { callBuiltin, testContext } from "./test-context.js";
import { tokensBuiltins } from "./tokens.js";

const call = (name: string, ...args: Value[]) => callBuiltin(tokensBuiltins, name, ...args);
const jwkOf = (pem: string) =>
  callBuiltin(cryptoBuiltins, "crypto.x509.parse_rsa_private_key", pem) as PlainObject;

const HS256 =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwIiwiaXNzIjoib3BhIn0.XmVoLoHI3pxMtMO_WRONMSJzGUDP9pDjy8Jp0_tdRXY";
const ES256_TOKEN =
  "eyJ0eXAiOiAiSldUIiwgImFsZyI6ICJFUzI1NiJ9.eyJuYmYiOiAxNDQ0NDc4NDAwLCAiaXNzIjogInh4eCJ9.lArczfN-pIL8oUU-7PU83u-zfXougXBZj6drFeKFsPEoVhy9WAyiZlRshYqjTSXdaw8yw2L-ovt4zTUZb2PWMg";
const ES256_CERT =
  "-----BEGIN CERTIFICATE-----\nMIIBcDCCARagAwIBAgIJAMZmuGSIfvgzMAoGCCqGSM49BAMCMBMxETAPBgNVBAMM\nCHdoYXRldmVyMB4XDTE4MDgxMDE0Mjg1NFoXDTE4MDkwOTE0Mjg1NFowEzERMA8G\nA1UEAwwId2hhdGV2ZXIwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATPwn3WCEXL\nmjp/bFniDwuwsfu7bASlPae2PyWhqGeWwe23Xlyx+tSqxlkXYe4pZ23BkAAscpGj\nyn5gXHExyDlKo1MwUTAdBgNVHQ4EFgQUElRjSoVgKjUqY5AXz2o74cLzzS8wHwYD\nVR0jBBgwFoAUElRjSoVgKjUqY5AXz2o74cLzzS8wDwYDVR0TAQH/BAUwAwEB/zAK\nBggqhkjOPQQDAgNIADBFAiEA4yQ/88ZrUX68c6kOe9G11u8NUaUzd8pLOtkKhniN\nOHoCIHmNX37JOqTcTzGn2u9+c8NlnvZ0uDvsd1BmKPaUmjmm\n-----END CERTIFICATE-----\n";
const EDDSA_TOKEN =
  "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.JkKWCY39IdWEQttmdqR7VdsvT-_QxheW_eb0S5wr_j83ltux_JDUIXs7a3Dtn3xuqzuhetiuJrWIvy5TzimeCg";
const EDDSA_KEY =
  "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAwmK6SSAu2E9V7uynkCKEaj5nZJyTvNG4x0KohsRzLpg=\n-----END PUBLIC KEY-----";
const OCT = {
  kty: "oct",
  k: "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
};

describe("io.jwt.decode", () => {
  it("decodes header, payload and signature hex", () => {
    expect(call("io.jwt.decode", HS256)).toEqual([
      { alg: "HS256", typ: "JWT" },
      { iss: "opa", sub: "0" },
      "5e65682e81c8de9c4cb4c3bf59138d3122731940cff690e3cbc269d3fb5d4576",
    ]);
  });

  it("reports OPA's errors", () => {
    expect(() => call("io.jwt.decode", "abc")).toThrow("encoded JWT had no period separators");
    expect(() => call("io.jwt.decode", "a.b")).toThrow("encoded JWT must have 3 sections, found 2");
    expect(() => call("io.jwt.decode", "eyJhbGciOiJIU^%zI1NiI+sInR5cCI6IkpXVCJ9.e30.")).toThrow(
      "JWT header had invalid encoding: illegal base64 data at input byte 13",
    );
    expect(() => call("io.jwt.decode", "eyJhbGciOiJIUzI1NiIsImVuYyI6IngifQ.e30.")).toThrow(
      "JWT is a JWE object, which is not supported",
    );
    expect(() => call("io.jwt.decode", "eyJhbGciOiJIUzI1NiJ9.WzFd.")).toThrow(
      "decoded JSON type was not an Object",
    );
  });

  it("follows a nested token, dropping the quotes around it, however many there are", () => {
    const b64 = (text: string) => Buffer.from(text).toString("base64url");
    const outer = (payload: string) => `${b64('{"alg":"HS256","cty":"JWT"}')}.${b64(payload)}.`;
    expect(call("io.jwt.decode", outer(`"'${HS256}'"`))).toEqual(call("io.jwt.decode", HS256));
    // A pattern that tried each quote as the start of the trailing run took seconds on this.
    const quotes = `${'"'.repeat(100_000)}x${"'".repeat(100_000)}y`;
    expect(() => call("io.jwt.decode", outer(quotes))).toThrow("encoded JWT had no period separators");
  });
});

describe("io.jwt.verify_*", () => {
  it("verifies HMAC signatures", () => {
    const token =
      "eyJhbGciOiJIUzM4NCJ9.eyJTY29wZXMiOlsiZm9vIiwiYmFyIl0sIm5iZiI6MTQ1MTYwNjQwMH0.g98lHYzuqINVppLMoEZT7jlpX0IBSo9zKGoN9DhQg7Ua3YjLXbJMjzESjIHXOGLB";
    expect(call("io.jwt.verify_hs384", token, "secret")).toBe(true);
    expect(call("io.jwt.verify_hs384", token, "other")).toBe(false);
  });

  it("verifies ECDSA and EdDSA with certificates and public keys", () => {
    expect(call("io.jwt.verify_es256", ES256_TOKEN, ES256_CERT)).toBe(true);
    expect(call("io.jwt.verify_rs256", ES256_TOKEN, ES256_CERT)).toBe(false);
    expect(call("io.jwt.verify_eddsa", EDDSA_TOKEN, EDDSA_KEY)).toBe(true);
  });

  it("rejects malformed keys with OPA's messages", () => {
    expect(() => call("io.jwt.verify_rs256", HS256, "-----BEGIN FOO-----\nAAAA\n-----END FOO-----")).toThrow(
      "failed to extract a Key from the PEM certificate",
    );
    expect(() => call("io.jwt.verify_rs256", HS256, `${EDDSA_KEY}\n\nextra`)).toThrow(
      "extra data after a PEM certificate block",
    );
    expect(() => call("io.jwt.verify_rs256", HS256, "{not json")).toThrow("failed to parse a JWK key (set)");
  });
});

describe("io.jwt.encode_sign", () => {
  it("matches RFC 7515 A.1 for HS256", () => {
    const token = call(
      "io.jwt.encode_sign",
      { alg: "HS256", typ: "JWT" },
      {
        aud: ["bob", "saul"],
        exp: 1300819380,
        "http://example.com/is_root": true,
        iss: "joe",
        privateParams: { private_one: "one", private_two: "two" },
      },
      OCT,
    );
    expect(token).toBe(
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOlsiYm9iIiwic2F1bCJdLCJleHAiOjEzMDA4MTkzODAsImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlLCJpc3MiOiJqb2UiLCJwcml2YXRlUGFyYW1zIjp7InByaXZhdGVfb25lIjoib25lIiwicHJpdmF0ZV90d28iOiJ0d28ifX0.-Or2eol8bzly-Ztb0v7_7UkcKBkN_aNNpK33HK0MeOY",
    );
  });

  it("round-trips RS, PS, ES and EdDSA signatures through verification", () => {
    const rsa = jwkOf(INTER_KEY_PKCS1);
    const ec = jwkOf(LEAF_KEY_SEC1);
    const ed = jwkOf(ED25519_KEY);
    for (const [alg, key, verify, cert] of [
      ["RS256", rsa, "io.jwt.verify_rs256", INTER_PEM],
      ["PS384", rsa, "io.jwt.verify_ps384", INTER_PEM],
      ["ES384", ec, "io.jwt.verify_es384", LEAF_PEM],
    ] as const) {
      const token = call("io.jwt.encode_sign", { alg }, { sub: "x" }, key) as string;
      expect(call(verify, token, cert)).toBe(true);
      const [v] = call("io.jwt.decode_verify", token, { cert }) as Value[];
      expect(v).toBe(true);
    }
    const edToken = call("io.jwt.encode_sign", { alg: "EdDSA" }, { sub: "x" }, ed) as string;
    expect(
      (
        call("io.jwt.decode_verify", edToken, { cert: JSON.stringify({ ...ed, d: undefined }) }) as Value[]
      )[0],
    ).toBe(true);
  });

  it("reports OPA's errors", () => {
    expect(() => call("io.jwt.encode_sign", { alg: "none" }, {}, OCT)).toThrow("unknown JWS algorithm: none");
    expect(() => call("io.jwt.encode_sign_raw", '{"alg":"HS256"}', "not json", JSON.stringify(OCT))).toThrow(
      "type is JWT but payload is not JSON",
    );
    expect(
      call("io.jwt.encode_sign_raw", '{"alg":"HS256","typ":"text/plain"}', "e", JSON.stringify(OCT)),
    ).toMatch(/^[^.]+\.ZQ\./);
  });
});

describe("io.jwt.decode_verify", () => {
  const sign = (payload: PlainObject) =>
    call("io.jwt.encode_sign", { alg: "HS256" }, payload, { kty: "oct", k: "NDI" }) as string;

  it("checks the signature and the claims", () => {
    const t = sign({ iss: "xxx", aud: ["a", "b"], exp: 2000, nbf: 1000 });
    expect((call("io.jwt.decode_verify", t, { secret: "42", time: 1500e9, aud: "a" }) as Value[])[0]).toBe(
      true,
    );
    expect(call("io.jwt.decode_verify", t, { secret: "42", time: 1500e9 })).toEqual([false, {}, {}]);
    expect(call("io.jwt.decode_verify", t, { secret: "42", time: 2500e9, aud: "a" })).toEqual([
      false,
      {},
      {},
    ]);
    expect(call("io.jwt.decode_verify", t, { secret: "42", time: 500e9, aud: "a" })).toEqual([false, {}, {}]);
    expect(call("io.jwt.decode_verify", t, { secret: "42", time: 1500e9, aud: "a", iss: "yyy" })).toEqual([
      false,
      {},
      {},
    ]);
    expect(call("io.jwt.decode_verify", t, { secret: "41", time: 1500e9, aud: "a" })).toEqual([
      false,
      {},
      {},
    ]);
    expect(call("io.jwt.decode_verify", t, { secret: "42", time: 1500e9, aud: "a", alg: "RS256" })).toEqual([
      false,
      {},
      {},
    ]);
  });

  it("uses the query clock when no time is given", () => {
    const t = sign({ exp: 1 });
    const d = tokensBuiltins.find((b) => b.decl.name === "io.jwt.decode_verify");
    expect(d?.impl([t, { secret: "42" }], testContext({ nowNs: 500000000n }))).toEqual([
      true,
      { alg: "HS256" },
      { exp: 1 },
    ]);
    expect(call("io.jwt.decode_verify", t, { secret: "42" })).toEqual([false, {}, {}]);
  });

  it("validates constraints", () => {
    expect(() => call("io.jwt.decode_verify", HS256, {})).toThrow("no key constraint");
    expect(() => call("io.jwt.decode_verify", HS256, { secret: "a", cert: ES256_CERT })).toThrow(
      "duplicate key constraints",
    );
    expect(() => call("io.jwt.decode_verify", HS256, { secret: "a", foo: 1 })).toThrow(
      "unknown token validation constraint: foo",
    );
    expect(() => call("io.jwt.decode_verify", HS256, { secret: "a", time: -1 })).toThrow(
      "token time constraint: must not be negative",
    );
    expect(() => call("io.jwt.decode_verify", sign({ exp: "soon" }), { secret: "42" })).toThrow(
      "exp value must be a number",
    );
  });
});
