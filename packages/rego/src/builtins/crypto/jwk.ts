import { ed25519 } from "@noble/curves/ed25519.js";
import { isArray, isPlainObject, ownValue, type Value } from "../../value/value.js";
import { GoJsonSyntaxError, goJsonParse } from "../encoding/go-json-parse.js";
import { trimRight } from "../strings-go.js";
import { base64Decode, RAW_URL_ENCODING, URL_ENCODING } from "./base64.js";
import { bigIntToBytes, bytesToBigInt } from "./bytes.js";
import {
  type CurveName,
  curveBytes,
  curveImpl,
  ecPoint,
  KeyError,
  type PrivateKey,
  type PublicKey,
} from "./keys.js";

/** A key usable for JWS: an asymmetric public or private key, or a symmetric secret. */
export type JwsKey =
  | { readonly kind: "public"; readonly key: PublicKey }
  | { readonly kind: "private"; readonly key: PrivateKey }
  | { readonly kind: "secret"; readonly bytes: Uint8Array };

/** A key from a JWK, with its `alg` and `kid` members when present. */
export interface Jwk {
  readonly key: JwsKey;
  readonly alg: string;
  readonly kid: string;
}

function member(o: Value, name: string): string | undefined {
  if (!isPlainObject(o)) return undefined;
  const v = ownValue(o, name);
  return typeof v === "string" ? v : undefined;
}

function required(o: Value, name: string, kty: string): string {
  const v = member(o, name);
  if (v === undefined) throw new KeyError(`failed to parse ${kty} key: required field ${name} is missing`);
  return v;
}

function b64(s: string): Uint8Array {
  const raw = trimRight(s, "=");
  try {
    return base64Decode(raw, RAW_URL_ENCODING);
  } catch {
    return base64Decode(s, URL_ENCODING);
  }
}

function bigOf(s: string): bigint {
  return bytesToBigInt(b64(s));
}

function curveOf(crv: string): CurveName {
  if (crv === "P-256" || crv === "P-384" || crv === "P-521") return crv;
  throw new KeyError(`invalid curve algorithm ${crv}`);
}

function rsaKey(o: Value): JwsKey {
  const n = bigOf(required(o, "n", "RSA"));
  const e = bigOf(required(o, "e", "RSA"));
  const d = member(o, "d");
  if (d === undefined) return { kind: "public", key: { kind: "rsa", n, e } };
  const p = member(o, "p");
  const q = member(o, "q");
  const primes = p !== undefined && q !== undefined ? [bigOf(p), bigOf(q)] : [];
  return { kind: "private", key: { kind: "rsa", n, e, d: bigOf(d), primes } };
}

function ecKey(o: Value): JwsKey {
  const curve = curveOf(required(o, "crv", "EC"));
  const x = bigOf(required(o, "x", "EC"));
  const y = bigOf(required(o, "y", "EC"));
  try {
    curveImpl(curve).Point.fromBytes(ecPoint({ curve, x, y })).assertValidity();
  } catch {
    throw new KeyError("failed to parse EC key: point is not on the curve");
  }
  const d = member(o, "d");
  if (d === undefined) return { kind: "public", key: { kind: "ecdsa", curve, x, y } };
  const dv = bytesToBigInt(b64(d));
  if (bigIntToBytes(dv).length > curveBytes(curve))
    throw new KeyError("failed to parse EC key: invalid private key");
  return { kind: "private", key: { kind: "ecdsa", curve, d: dv, x, y } };
}

function okpKey(o: Value): JwsKey {
  const crv = required(o, "crv", "OKP");
  if (crv !== "Ed25519") throw new KeyError(`unsupported curve for OKP key: ${crv}`);
  const x = b64(required(o, "x", "OKP"));
  if (x.length !== 32) throw new KeyError("failed to parse OKP key: invalid public key size");
  const d = member(o, "d");
  if (d === undefined) return { kind: "public", key: { kind: "ed25519", key: x } };
  const seed = b64(d);
  if (seed.length !== 32) throw new KeyError("failed to parse OKP key: invalid private key size");
  return { kind: "private", key: { kind: "ed25519", seed, pub: ed25519.getPublicKey(seed) } };
}

/** Parses one JWK object. */
export function jwkFromObject(o: Value): Jwk {
  if (!isPlainObject(o)) throw new KeyError("invalid JWK: not an object");
  const kty = member(o, "kty");
  let key: JwsKey;
  switch (kty) {
    case "RSA":
      key = rsaKey(o);
      break;
    case "EC":
      key = ecKey(o);
      break;
    case "OKP":
      key = okpKey(o);
      break;
    case "oct":
      key = { kind: "secret", bytes: b64(required(o, "k", "oct")) };
      break;
    case undefined:
      throw new KeyError("invalid key type from JSON ()");
    default:
      throw new KeyError(`invalid key type from JSON (${kty})`);
  }
  return { key, alg: member(o, "alg") ?? "", kid: member(o, "kid") ?? "" };
}

/** Parses a JWK or a JWK set (`{"keys": [...]}`) from JSON text. */
export function parseJwks(text: string): Jwk[] {
  let doc: Value;
  try {
    doc = goJsonParse(text);
  } catch (err: unknown) {
    if (err instanceof GoJsonSyntaxError)
      throw new KeyError(`failed to unmarshal JSON into key set: ${err.message}`);
    throw err;
  }
  if (isPlainObject(doc) && ownValue(doc, "keys") !== undefined) {
    const keys = ownValue(doc, "keys");
    if (!isArray(keys)) throw new KeyError("failed to parse key set: keys must be an array");
    return keys.map(jwkFromObject);
  }
  return [jwkFromObject(doc)];
}
