import { ed25519 } from "@noble/curves/ed25519.js";
import { p256, p384, p521 } from "@noble/curves/nist.js";
import { errorMessage } from "../errors.js";
import { bigIntToBytes, bytesToBigInt } from "./bytes.js";
import {
  contextTag,
  type DerNode,
  DerReader,
  derBitString,
  derInteger,
  derOid,
  oidText,
  TAG,
} from "./der.js";

/** Named elliptic curves supported for ECDSA. */
export type CurveName = "P-256" | "P-384" | "P-521";

/** A public key, as parsed from certificates, PEM or JWK. */
export type PublicKey =
  | { readonly kind: "rsa"; readonly n: bigint; readonly e: bigint }
  | { readonly kind: "ecdsa"; readonly curve: CurveName; readonly x: bigint; readonly y: bigint }
  | { readonly kind: "ed25519"; readonly key: Uint8Array };

/** A private key. RSA keys carry CRT values when known. */
export type PrivateKey =
  | {
      readonly kind: "rsa";
      readonly n: bigint;
      readonly e: bigint;
      readonly d: bigint;
      readonly primes: readonly bigint[];
    }
  | {
      readonly kind: "ecdsa";
      readonly curve: CurveName;
      readonly d: bigint;
      readonly x: bigint;
      readonly y: bigint;
    }
  | { readonly kind: "ed25519"; readonly seed: Uint8Array; readonly pub: Uint8Array };

/** A key failed to parse; the message follows Go's `crypto/x509` wording. */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyError";
  }
}

export const OID_RSA = "1.2.840.113549.1.1.1";
export const OID_EC = "1.2.840.10045.2.1";
export const OID_ED25519 = "1.3.101.112";

const CURVE_OIDS: Record<string, CurveName> = {
  "1.2.840.10045.3.1.7": "P-256",
  "1.3.132.0.34": "P-384",
  "1.3.132.0.35": "P-521",
};

/** The noble implementation of a curve. */
export function curveImpl(c: CurveName): typeof p256 {
  return c === "P-256" ? p256 : c === "P-384" ? p384 : p521;
}

/** Byte size of a curve's field elements. */
export function curveBytes(c: CurveName): number {
  return c === "P-256" ? 32 : c === "P-384" ? 48 : 66;
}

/** Uncompressed SEC 1 encoding of an EC public key. */
export function ecPoint(k: { curve: CurveName; x: bigint; y: bigint }): Uint8Array {
  const n = curveBytes(k.curve);
  const out = new Uint8Array(1 + 2 * n);
  out[0] = 4;
  out.set(bigIntToBytes(k.x, n), 1);
  out.set(bigIntToBytes(k.y, n), 1 + n);
  return out;
}

function parseEcPoint(curve: CurveName, b: Uint8Array): PublicKey {
  const n = curveBytes(curve);
  if (b.length !== 1 + 2 * n || b[0] !== 4)
    throw new KeyError("x509: failed to unmarshal elliptic curve point");
  const x = bytesToBigInt(b.subarray(1, 1 + n));
  const y = bytesToBigInt(b.subarray(1 + n));
  try {
    curveImpl(curve).Point.fromBytes(b).assertValidity();
  } catch {
    throw new KeyError("x509: failed to unmarshal elliptic curve point");
  }
  return { kind: "ecdsa", curve, x, y };
}

function namedCurve(params: DerNode | undefined): CurveName {
  if (params === undefined || params.tag !== TAG.oid) throw new KeyError("x509: invalid ECDSA parameters");
  const c = CURVE_OIDS[oidText(derOid(params))];
  if (c === undefined) throw new KeyError("x509: unsupported elliptic curve");
  return c;
}

/** Parses a PKCS #1 RSAPublicKey. */
export function parsePkcs1PublicKey(b: Uint8Array): PublicKey {
  try {
    const r = new DerReader(new DerReader(b).expect(TAG.sequence, "RSA public key").content);
    const n = derInteger(r.expect(TAG.integer, "modulus"));
    const e = derInteger(r.expect(TAG.integer, "exponent"));
    if (n <= 0n) throw new KeyError("x509: RSA modulus is not a positive number");
    if (e <= 0n) throw new KeyError("x509: RSA public exponent is not a positive number");
    return { kind: "rsa", n, e };
  } catch (err: unknown) {
    if (err instanceof KeyError) throw err;
    throw new KeyError("x509: invalid RSA public key");
  }
}

/** The algorithm OID, parameters and key bits of a SubjectPublicKeyInfo. */
export function readSpki(spki: DerNode): { alg: string; params: DerNode | undefined; key: Uint8Array } {
  const r = new DerReader(spki.content);
  const algId = new DerReader(r.expect(TAG.sequence, "public key algorithm").content);
  const alg = oidText(derOid(algId.expect(TAG.oid, "public key algorithm")));
  const params = algId.done ? undefined : algId.next();
  const key = derBitString(r.expect(TAG.bitString, "public key")).bytes;
  return { alg, params, key };
}

/** Parses the key of a SubjectPublicKeyInfo element (Go's `ParsePKIXPublicKey` on its bytes). */
export function parseSpki(spki: DerNode): PublicKey {
  const { alg, params, key } = readSpki(spki);
  switch (alg) {
    case OID_RSA:
      if (params !== undefined && params.tag !== TAG.null)
        throw new KeyError("x509: RSA key missing NULL parameters");
      return parsePkcs1PublicKey(key);
    case OID_EC:
      return parseEcPoint(namedCurve(params), key);
    case OID_ED25519:
      if (params !== undefined) throw new KeyError("x509: Ed25519 key encoded with illegal parameters");
      if (key.length !== 32) throw new KeyError("x509: wrong Ed25519 public key size");
      return { kind: "ed25519", key: Uint8Array.from(key) };
    default:
      throw new KeyError("x509: unknown public key algorithm");
  }
}

/** Go's `x509.ParsePKIXPublicKey`. */
export function parsePkixPublicKey(der: Uint8Array): PublicKey {
  let spki: DerNode;
  try {
    spki = new DerReader(der).expect(TAG.sequence, "public key");
  } catch {
    throw new KeyError(
      "x509: failed to parse public key (use ParsePKCS1PublicKey instead for this key format)",
    );
  }
  try {
    return parseSpki(spki);
  } catch (err: unknown) {
    if (err instanceof KeyError) throw err;
    throw new KeyError("x509: malformed public key");
  }
}

/** Go's `x509.ParsePKCS1PrivateKey`. */
export function parsePkcs1PrivateKey(der: Uint8Array): PrivateKey {
  try {
    const r = new DerReader(new DerReader(der).expect(TAG.sequence, "private key").content);
    const version = derInteger(r.expect(TAG.integer, "version"));
    if (version > 1n) throw new KeyError("x509: unsupported private key version");
    const v: bigint[] = [];
    while (!r.done) v.push(derInteger(r.expect(TAG.integer, "private key")));
    const [n, e, d, p, q] = v;
    if (n === undefined || e === undefined || d === undefined || p === undefined || q === undefined) {
      throw new KeyError("x509: failed to parse private key");
    }
    if (n <= 0n || d <= 0n || p <= 1n || q <= 1n)
      throw new KeyError("x509: private key contains zero or negative value");
    if (p * q !== n) throw new KeyError("crypto/rsa: invalid modulus");
    return { kind: "rsa", n, e, d, primes: [p, q] };
  } catch (err: unknown) {
    if (err instanceof KeyError) throw err;
    if (looksLikePkcs8(der))
      throw new KeyError(
        "x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)",
      );
    throw new KeyError("x509: failed to parse private key");
  }
}

function looksLikePkcs8(der: Uint8Array): boolean {
  try {
    const r = new DerReader(new DerReader(der).expect(TAG.sequence, "key").content);
    r.expect(TAG.integer, "version");
    r.expect(TAG.sequence, "algorithm");
    return true;
  } catch {
    return false;
  }
}

/** Go's `x509.ParseECPrivateKey` (SEC 1), with an optional curve from PKCS #8 parameters. */
export function parseEcPrivateKey(der: Uint8Array, curveFromParams?: CurveName): PrivateKey {
  try {
    const r = new DerReader(new DerReader(der).expect(TAG.sequence, "EC private key").content);
    const version = derInteger(r.expect(TAG.integer, "version"));
    if (version !== 1n) throw new KeyError(`x509: unknown EC private key version ${version}`);
    const dBytes = r.expect(TAG.octetString, "EC private key").content;
    const params = r.optional(contextTag(0, true));
    let curve = curveFromParams;
    if (params !== undefined) curve = namedCurve(new DerReader(params.content).next());
    if (curve === undefined) throw new KeyError("x509: unknown elliptic curve");
    const d = bytesToBigInt(dBytes);
    const impl = curveImpl(curve);
    const pub = impl.getPublicKey(bigIntToBytes(d, curveBytes(curve)), false);
    const point = parseEcPoint(curve, pub);
    if (point.kind !== "ecdsa") throw new KeyError("x509: invalid elliptic curve private key value");
    return { kind: "ecdsa", curve, d, x: point.x, y: point.y };
  } catch (err: unknown) {
    if (err instanceof KeyError) throw err;
    throw new KeyError("x509: failed to parse EC private key");
  }
}

/** Go's `x509.ParsePKCS8PrivateKey`. */
export function parsePkcs8PrivateKey(der: Uint8Array): PrivateKey {
  let alg: string;
  let params: DerNode | undefined;
  let keyBytes: Uint8Array;
  try {
    const r = new DerReader(new DerReader(der).expect(TAG.sequence, "private key").content);
    r.expect(TAG.integer, "version");
    const algId = new DerReader(r.expect(TAG.sequence, "algorithm").content);
    alg = oidText(derOid(algId.expect(TAG.oid, "algorithm")));
    params = algId.done ? undefined : algId.next();
    keyBytes = r.expect(TAG.octetString, "private key").content;
  } catch {
    throw new KeyError("x509: failed to parse private key");
  }
  switch (alg) {
    case OID_RSA:
      try {
        return parsePkcs1PrivateKey(keyBytes);
      } catch (err: unknown) {
        throw new KeyError(`x509: failed to parse RSA private key embedded in PKCS#8: ${errorMessage(err)}`);
      }
    case OID_EC:
      return parseEcPrivateKey(keyBytes, namedCurve(params));
    case OID_ED25519: {
      let seed: Uint8Array;
      try {
        seed = new DerReader(keyBytes).expect(TAG.octetString, "Ed25519 key").content;
      } catch {
        throw new KeyError("x509: invalid Ed25519 private key");
      }
      if (seed.length !== 32) throw new KeyError(`x509: invalid Ed25519 private key length: ${seed.length}`);
      return { kind: "ed25519", seed: Uint8Array.from(seed), pub: ed25519.getPublicKey(seed) };
    }
    default:
      throw new KeyError(`x509: PKCS#8 wrapping contained private key with unknown algorithm: ${alg}`);
  }
}

/** The public half of a private key. */
export function publicOf(k: PrivateKey): PublicKey {
  switch (k.kind) {
    case "rsa":
      return { kind: "rsa", n: k.n, e: k.e };
    case "ecdsa":
      return { kind: "ecdsa", curve: k.curve, x: k.x, y: k.y };
    case "ed25519":
      return { kind: "ed25519", key: k.pub };
  }
}

/** True when two public keys are the same key. */
export function samePublicKey(a: PublicKey, b: PublicKey): boolean {
  if (a.kind === "rsa" && b.kind === "rsa") return a.n === b.n && a.e === b.e;
  if (a.kind === "ecdsa" && b.kind === "ecdsa") return a.curve === b.curve && a.x === b.x && a.y === b.y;
  if (a.kind === "ed25519" && b.kind === "ed25519")
    return a.key.length === b.key.length && a.key.every((x, i) => x === b.key[i]);
  return false;
}
