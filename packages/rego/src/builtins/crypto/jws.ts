import { ed25519 } from "@noble/curves/ed25519.js";
import { bigIntToBytes, bytesEqual, bytesToBigInt, concatBytes } from "./bytes.js";
import { digest, type HashName, hmacDigest } from "./hash.js";
import type { JwsKey } from "./jwk.js";
import { curveBytes, curveImpl, ecPoint, type PrivateKey, type PublicKey, publicOf } from "./keys.js";
import { signPkcs1v15, signPss, verifyPkcs1v15, verifyPss } from "./rsa.js";

/** JWS algorithms (RFC 7518) that OPA knows. */
export const JWS_ALGORITHMS: ReadonlySet<string> = new Set([
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "HS256",
  "HS384",
  "HS512",
  "EdDSA",
]);

type Family = "RS" | "PS" | "ES" | "HS" | "EdDSA";

/** The family and hash of a JWS algorithm name. */
export function algorithmInfo(alg: string): { family: Family; hash: HashName } | undefined {
  if (alg === "EdDSA") return { family: "EdDSA", hash: "SHA-512" };
  const m = /^(RS|PS|ES|HS)(256|384|512)$/.exec(alg);
  if (m === null) return undefined;
  return { family: m[1] as Family, hash: `SHA-${m[2]}` as HashName };
}

/** Verifies an ECDSA signature given as r‖s halves over a digest (lenient about the halves' size). */
export function verifyEcdsaHalves(key: PublicKey, hashed: Uint8Array, sig: Uint8Array): boolean {
  if (key.kind !== "ecdsa") return false;
  const half = sig.length >> 1;
  const r = bytesToBigInt(sig.subarray(0, half));
  const s = bytesToBigInt(sig.subarray(half));
  const size = curveBytes(key.curve);
  if (r === 0n || s === 0n || bigIntToBytes(r).length > size || bigIntToBytes(s).length > size) return false;
  const compact = concatBytes(bigIntToBytes(r, size), bigIntToBytes(s, size));
  try {
    return curveImpl(key.curve).verify(compact, hashed, ecPoint(key), { prehash: false, lowS: false });
  } catch {
    return false;
  }
}

/** Verifies an Ed25519 signature. */
export function verifyEd25519(key: PublicKey, message: Uint8Array, sig: Uint8Array): boolean {
  if (key.kind !== "ed25519" || key.key.length !== 32 || sig.length !== 64) return false;
  try {
    return ed25519.verify(sig, message, key.key, { zip215: false });
  } catch {
    return false;
  }
}

/** Verifies an asymmetric signature of `message` with a public key, by algorithm family. */
export function verifyWithPublicKey(
  key: PublicKey,
  family: Family,
  hash: HashName,
  message: Uint8Array,
  sig: Uint8Array,
): boolean {
  switch (family) {
    case "RS":
      return key.kind === "rsa" && verifyPkcs1v15(key, hash, digest(hash, message), sig);
    case "PS":
      return key.kind === "rsa" && verifyPss(key, hash, digest(hash, message), sig);
    case "ES":
      return (
        key.kind === "ecdsa" &&
        sig.length === 2 * curveBytes(key.curve) &&
        verifyEcdsaHalves(key, digest(hash, message), sig)
      );
    case "EdDSA":
      return verifyEd25519(key, message, sig);
    case "HS":
      return false;
  }
}

/** Verifies a JWS signature over `message` (the signing input) with any kind of key. */
export function verifyJws(key: JwsKey, alg: string, message: Uint8Array, sig: Uint8Array): boolean {
  const info = algorithmInfo(alg);
  if (info === undefined) return false;
  if (key.kind === "secret")
    return info.family === "HS" && bytesEqual(hmacDigest(info.hash, key.bytes, message), sig);
  const pub = key.kind === "public" ? key.key : publicOf(key.key);
  return verifyWithPublicKey(pub, info.family, info.hash, message, sig);
}

/** A JWS signing failure. */
export class JwsSignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JwsSignError";
  }
}

function needPrivate<K extends PrivateKey["kind"]>(
  key: JwsKey,
  kind: K,
  alg: string,
): Extract<PrivateKey, { kind: K }> {
  if (key.kind !== "private" || key.key.kind !== kind) {
    throw new JwsSignError(`failed to sign payload: invalid key type for algorithm ${alg}`);
  }
  return key.key as Extract<PrivateKey, { kind: K }>;
}

/** Signs `message` (the signing input) with the JWS algorithm `alg`. */
export function signJws(
  key: JwsKey,
  alg: string,
  message: Uint8Array,
  random: (n: number) => Uint8Array,
): Uint8Array {
  const info = algorithmInfo(alg);
  if (info === undefined) throw new JwsSignError(`unsupported signature algorithm: ${alg}`);
  switch (info.family) {
    case "HS":
      if (key.kind !== "secret")
        throw new JwsSignError(`failed to sign payload: invalid key type for algorithm ${alg}`);
      return hmacDigest(info.hash, key.bytes, message);
    case "RS": {
      const k = needPrivate(key, "rsa", alg);
      return signPkcs1v15(k, info.hash, digest(info.hash, message));
    }
    case "PS": {
      const k = needPrivate(key, "rsa", alg);
      return signPss(k, info.hash, digest(info.hash, message), random);
    }
    case "ES": {
      const k = needPrivate(key, "ecdsa", alg);
      const size = curveBytes(k.curve);
      return curveImpl(k.curve).sign(digest(info.hash, message), bigIntToBytes(k.d, size), {
        prehash: false,
        lowS: false,
      });
    }
    case "EdDSA": {
      const k = needPrivate(key, "ed25519", alg);
      return ed25519.sign(message, k.seed);
    }
  }
}
