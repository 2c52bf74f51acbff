import type { Value } from "../value/value.js";
import { argString } from "./args.js";
import { bytesEqual, utf8Encode } from "./crypto/bytes.js";
import { digest, type HashName, hmacDigest } from "./crypto/hash.js";
import type { JwsKey } from "./crypto/jwk.js";
import { verifyEcdsaHalves, verifyEd25519 } from "./crypto/jws.js";
import { verifyPkcs1v15, verifyPss } from "./crypto/rsa.js";
import type { BuiltinImpl } from "./registry.js";
import {
  decodeHeader,
  decodeSignature,
  keysFromCertOrJwk,
  parseTokenHeader,
  splitJwt,
  verifyWithKeys,
} from "./tokens-jwt.js";

/** The algorithm family a `io.jwt.verify_*` builtin checks. */
export type VerifyFamily = "RS" | "PS" | "ES" | "EdDSA";

function verifyOne(
  family: VerifyFamily,
  hash: HashName,
  key: JwsKey,
  input: Uint8Array,
  sig: Uint8Array,
): boolean {
  if (key.kind !== "public") return false;
  const k = key.key;
  switch (family) {
    case "RS":
      return k.kind === "rsa" && verifyPkcs1v15(k, hash, digest(hash, input), sig);
    case "PS":
      return k.kind === "rsa" && verifyPss(k, hash, digest(hash, input), sig);
    case "ES":
      return verifyEcdsaHalves(k, digest(hash, input), sig);
    case "EdDSA":
      return verifyEd25519(k, input, sig);
  }
}

/** `io.jwt.verify_rs256` and its siblings: verify with a certificate, public key or JWK (set). */
export function verifyAsymmetric(family: VerifyFamily, hash: HashName): BuiltinImpl {
  return (args: readonly Value[]): Value => {
    const token = splitJwt(args[0]);
    const keys = keysFromCertOrJwk(argString(args, 1));
    const sig = decodeSignature(token);
    const header = parseTokenHeader(decodeHeader(token));
    const input = utf8Encode(`${token.header}.${token.payload}`);
    return verifyWithKeys(keys, header, (key) => verifyOne(family, hash, key, input, sig));
  };
}

/** `io.jwt.verify_hs256` and its siblings: HMAC with a plain-text secret. */
export function verifyHmac(hash: HashName): BuiltinImpl {
  return (args: readonly Value[]): Value => {
    argString(args, 0);
    const secret = argString(args, 1);
    const token = splitJwt(args[0]);
    const mac = hmacDigest(hash, utf8Encode(secret), utf8Encode(`${token.header}.${token.payload}`));
    return bytesEqual(decodeSignature(token), mac);
  };
}
