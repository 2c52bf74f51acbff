import type { Value } from "../../value/value.js";
import { base64Encode, RAW_URL_ENCODING } from "./base64.js";
import { bigIntToBytes, concatBytes } from "./bytes.js";
import { goBytes, goInt } from "./go-values.js";
import { curveBytes, type PrivateKey, type PublicKey } from "./keys.js";

/** Keys as Go's `encoding/json` renders `crypto` key structs. */

/** `*rsa.PublicKey`, `*ecdsa.PublicKey` or `ed25519.PublicKey` as JSON. */
export function publicKeyJson(k: PublicKey): Value {
  switch (k.kind) {
    case "rsa":
      return { N: goInt(k.n), E: goInt(k.e) };
    case "ecdsa":
      return { Curve: {}, X: goInt(k.x), Y: goInt(k.y) };
    case "ed25519":
      return goBytes(k.key);
  }
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

/** CRT values of a two-prime RSA key. */
export function rsaCrt(
  k: Extract<PrivateKey, { kind: "rsa" }>,
): { dp: bigint; dq: bigint; qi: bigint } | undefined {
  const [p, q] = k.primes;
  if (p === undefined || q === undefined) return undefined;
  return { dp: k.d % (p - 1n), dq: k.d % (q - 1n), qi: modInverse(q, p) };
}

/** `*rsa.PrivateKey`, `*ecdsa.PrivateKey` or `ed25519.PrivateKey` as JSON. */
export function privateKeyJson(k: PrivateKey): Value {
  switch (k.kind) {
    case "rsa": {
      const crt = rsaCrt(k);
      return {
        N: goInt(k.n),
        E: goInt(k.e),
        D: goInt(k.d),
        Primes: k.primes.map(goInt),
        Precomputed: {
          Dp: crt === undefined ? null : goInt(crt.dp),
          Dq: crt === undefined ? null : goInt(crt.dq),
          Qinv: crt === undefined ? null : goInt(crt.qi),
          CRTValues: [],
        },
      };
    }
    case "ecdsa":
      return { Curve: {}, X: goInt(k.x), Y: goInt(k.y), D: goInt(k.d) };
    case "ed25519":
      return goBytes(concatBytes(k.seed, k.pub));
  }
}

function b64(n: bigint, len?: number): string {
  return base64Encode(bigIntToBytes(n, len), RAW_URL_ENCODING);
}

/** A private key as a JWK object (what `crypto.x509.parse_rsa_private_key` returns). */
export function privateKeyJwk(k: PrivateKey): Value {
  switch (k.kind) {
    case "rsa": {
      const out: Record<string, Value> = { kty: "RSA", n: b64(k.n), e: b64(k.e), d: b64(k.d) };
      const [p, q] = k.primes;
      const crt = rsaCrt(k);
      if (p !== undefined && q !== undefined && crt !== undefined) {
        out.p = b64(p);
        out.q = b64(q);
        out.dp = b64(crt.dp);
        out.dq = b64(crt.dq);
        out.qi = b64(crt.qi);
      }
      return out;
    }
    case "ecdsa": {
      const n = curveBytes(k.curve);
      return { kty: "EC", crv: k.curve, x: b64(k.x, n), y: b64(k.y, n), d: b64(k.d, n) };
    }
    case "ed25519":
      return {
        kty: "OKP",
        crv: "Ed25519",
        x: base64Encode(k.pub, RAW_URL_ENCODING),
        d: base64Encode(k.seed, RAW_URL_ENCODING),
      };
  }
}
