import {
  isArray,
  isPlainObject,
  objectEntries,
  ownValue,
  type PlainObject,
  typeName,
  type Value,
} from "../value/value.js";
import { base64UrlDecodeLenient } from "./crypto/base64.js";
import { toHex, utf8Decode } from "./crypto/bytes.js";
import { type JwsKey, parseJwks } from "./crypto/jwk.js";
import { JWS_ALGORITHMS } from "./crypto/jws.js";
import { parsePkixPublicKey } from "./crypto/keys.js";
import { pemDecode } from "./crypto/pem.js";
import { parseCertificateDer } from "./crypto/x509.js";
import { GoJsonSyntaxError, goJsonParse } from "./encoding/go-json-parse.js";
import { BuiltinError, errorMessage, OperandTypeError } from "./errors.js";
import { trim } from "./strings-go.js";

/** The three base64url sections of a compact JWS. */
export interface EncodedJwt {
  readonly header: string;
  readonly payload: string;
  readonly signature: string;
}

/** Splits a compact JWT (operand 1), with OPA's messages for malformed input. */
export function splitJwt(v: Value | undefined): EncodedJwt {
  const s = v ?? null;
  if (typeof s !== "string") throw OperandTypeError.mustBe(1, typeName(s), "string");
  if (!s.includes(".")) throw new BuiltinError("encoded JWT had no period separators");
  const parts = s.split(".");
  if (parts.length !== 3) throw new BuiltinError(`encoded JWT must have 3 sections, found ${parts.length}`);
  return { header: parts[0] as string, payload: parts[1] as string, signature: parts[2] as string };
}

function prefixed(prefix: string, f: () => Uint8Array): Uint8Array {
  try {
    return f();
  } catch (err: unknown) {
    throw new BuiltinError(`${prefix}${errorMessage(err)}`);
  }
}

/** Parses JSON text that must hold an object (OPA's `extractJSONObject`). */
export function jsonObject(text: string): PlainObject {
  let v: Value;
  try {
    v = goJsonParse(text);
  } catch (err: unknown) {
    if (err instanceof GoJsonSyntaxError) throw new BuiltinError(`invalid JSON: ${err.message}`);
    throw err;
  }
  if (!isPlainObject(v)) throw new BuiltinError("decoded JSON type was not an Object");
  return v;
}

/** Decodes and validates the JOSE header. */
export function decodeHeader(token: EncodedJwt): PlainObject {
  const bytes = prefixed("JWT header had invalid encoding: ", () => base64UrlDecodeLenient(token.header));
  let header: PlainObject;
  try {
    header = jsonObject(utf8Decode(bytes));
  } catch (err: unknown) {
    throw new BuiltinError(`bad JWT header: ${errorMessage(err)}`);
  }
  if (ownValue(header, "enc") !== undefined)
    throw new BuiltinError("JWT is a JWE object, which is not supported");
  return header;
}

/** Decodes the payload text. */
export function decodePayload(token: EncodedJwt): string {
  return utf8Decode(
    prefixed("JWT payload had invalid encoding: ", () => base64UrlDecodeLenient(token.payload)),
  );
}

/** Decodes the signature bytes (errors unprefixed, as OPA's verify functions report them). */
export function decodeSignature(token: EncodedJwt): Uint8Array {
  return prefixed("", () => base64UrlDecodeLenient(token.signature));
}

/** `io.jwt.decode`: `[header, payload, signature hex]`, following nested `cty: JWT` tokens. */
export function decodeJwt(v: Value | undefined): Value {
  const token = splitJwt(v);
  const header = decodeHeader(token);
  const payloadText = decodePayload(token);
  if (ownValue(header, "cty") === "JWT") return decodeJwt(trim(payloadText, "\"'"));
  const payload = jsonObject(payloadText);
  const sig = prefixed("JWT signature had invalid encoding: ", () => base64UrlDecodeLenient(token.signature));
  return [header, payload, toHex(sig)];
}

/** The JOSE header fields OPA interprets. */
export interface TokenHeader {
  alg: string;
  kid: string;
  typ: string;
  cty: string;
  crit: Set<string> | undefined;
  unknown: string[];
}

/** OPA's `parseTokenHeader`: typed fields, with errors for mistyped ones. */
export function parseTokenHeader(header: PlainObject): TokenHeader {
  const out: TokenHeader = { alg: "", kid: "", typ: "", cty: "", crit: undefined, unknown: [] };
  for (const [k, v] of objectEntries(header)) {
    const key = k as string;
    switch (key) {
      case "alg":
      case "kid":
      case "typ":
      case "cty":
        if (typeof v !== "string") throw new BuiltinError(`${key}: must be a string`);
        out[key] = v;
        break;
      case "crit": {
        if (!isArray(v)) throw new BuiltinError("crit: must be a list");
        const crit = new Set<string>();
        for (const e of v) {
          if (typeof e !== "string") break;
          crit.add(e);
        }
        if (crit.size === 0) throw new BuiltinError("crit: must be a nonempty list");
        out.crit = crit;
        break;
      }
      default:
        out.unknown.push(key);
    }
  }
  return out;
}

/** RFC 7515 header validity: `alg` present and no unrecognized critical parameter. */
export function headerValid(h: TokenHeader): boolean {
  if (h.alg === "") return false;
  return !h.unknown.some((u) => h.crit?.has(u) === true);
}

/** A verification key with the `alg` and `kid` a JWKS gave it. */
export interface VerificationKey {
  readonly key: JwsKey | undefined;
  readonly alg: string;
  readonly kid: string;
}

/** Keys from a PEM certificate, a PEM public key, or a JWK (set). */
export function keysFromCertOrJwk(certificate: string): VerificationKey[] {
  const { block, rest } = pemDecode(certificate);
  if (block !== undefined) {
    if (rest.length > 0) throw new BuiltinError("extra data after a PEM certificate block");
    if (block.type === "CERTIFICATE") {
      try {
        const cert = parseCertificateDer(block.bytes);
        return [
          {
            key: cert.publicKey === undefined ? undefined : { kind: "public", key: cert.publicKey },
            alg: "",
            kid: "",
          },
        ];
      } catch (err: unknown) {
        throw new BuiltinError(`failed to parse a PEM certificate: ${errorMessage(err)}`);
      }
    }
    if (block.type === "PUBLIC KEY") {
      try {
        return [{ key: { kind: "public", key: parsePkixPublicKey(block.bytes) }, alg: "", kid: "" }];
      } catch (err: unknown) {
        throw new BuiltinError(`failed to parse a PEM public key: ${errorMessage(err)}`);
      }
    }
    throw new BuiltinError("failed to extract a Key from the PEM certificate");
  }
  let jwks: ReturnType<typeof parseJwks>;
  try {
    jwks = parseJwks(certificate);
  } catch (err: unknown) {
    throw new BuiltinError(`failed to parse a JWK key (set): ${errorMessage(err)}`);
  }
  return jwks.filter((k) => k.alg === "" || JWS_ALGORITHMS.has(k.alg));
}

/**
 * Tries keys as OPA does: the key whose `kid` matches the header's alone when there is one,
 * otherwise every key whose `alg` is unset or equal to the token's.
 */
export function verifyWithKeys(
  keys: readonly VerificationKey[],
  header: TokenHeader,
  verify: (key: JwsKey) => boolean,
): boolean {
  const tryKey = (k: VerificationKey): boolean => k.key !== undefined && verify(k.key);
  if (header.kid !== "") {
    const byKid = keys.find((k) => k.kid === header.kid);
    if (byKid !== undefined) return tryKey(byKid);
  }
  for (const k of keys) {
    if (k.alg !== "" && k.alg !== header.alg) continue;
    if (tryKey(k)) return true;
  }
  return false;
}
