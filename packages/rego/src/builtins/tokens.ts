import type { HashName } from "./crypto/hash.js";
import type { BuiltinDef } from "./registry.js";
import { decodeVerify } from "./tokens-decode-verify.js";
import { decodeJwt } from "./tokens-jwt.js";
import { encodeSignObjects, encodeSignRaw } from "./tokens-sign.js";
import { type VerifyFamily, verifyAsymmetric, verifyHmac } from "./tokens-verify.js";
import { decl, p, T } from "./types.js";

const OBJECT_ANY = T.objectOf(T.any, T.any);
const OBJECT_STRING_ANY = T.objectOf(T.string, T.any);

function asymmetric(name: string, family: VerifyFamily, hash: HashName): BuiltinDef {
  return {
    decl: decl(
      `io.jwt.verify_${name}`,
      [
        p("jwt", T.string, "JWT token whose signature is to be verified"),
        p(
          "certificate",
          T.string,
          "PEM encoded certificate, PEM encoded public key, or the JWK key (set) used to verify the signature",
        ),
      ],
      p("result", T.boolean, "`true` if the signature is valid, `false` otherwise"),
    ),
    impl: verifyAsymmetric(family, hash),
  };
}

function hmac(name: string, hash: HashName): BuiltinDef {
  return {
    decl: decl(
      `io.jwt.verify_${name}`,
      [
        p("jwt", T.string, "JWT token whose signature is to be verified"),
        p("secret", T.string, "plain text secret used to verify the signature"),
      ],
      p("result", T.boolean, "`true` if the signature is valid, `false` otherwise"),
    ),
    impl: verifyHmac(hash),
  };
}

/**
 * OPA's `io.jwt.*` builtins: decoding, verification (HMAC, RSA PKCS#1 v1.5 and PSS, ECDSA,
 * Ed25519) and signing. Static array result types (`[header, payload, sig]`) are declared as
 * `array[any]` because the type DSL has no tuple form.
 */
export const tokensBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl(
      "io.jwt.decode",
      [p("jwt", T.string, "JWT token to decode")],
      p("output", T.arrayOf(T.anyOf(OBJECT_ANY, T.string))),
    ),
    impl: (args) => decodeJwt(args[0]),
  },
  asymmetric("rs256", "RS", "SHA-256"),
  asymmetric("rs384", "RS", "SHA-384"),
  asymmetric("rs512", "RS", "SHA-512"),
  asymmetric("ps256", "PS", "SHA-256"),
  asymmetric("ps384", "PS", "SHA-384"),
  asymmetric("ps512", "PS", "SHA-512"),
  asymmetric("es256", "ES", "SHA-256"),
  asymmetric("es384", "ES", "SHA-384"),
  asymmetric("es512", "ES", "SHA-512"),
  asymmetric("eddsa", "EdDSA", "SHA-512"),
  hmac("hs256", "SHA-256"),
  hmac("hs384", "SHA-384"),
  hmac("hs512", "SHA-512"),
  {
    decl: decl(
      "io.jwt.decode_verify",
      [
        p("jwt", T.string, "JWT token whose signature is to be verified and whose claims are to be checked"),
        p("constraints", OBJECT_STRING_ANY, "claim verification constraints"),
      ],
      p("output", T.arrayOf(T.anyOf(T.boolean, OBJECT_ANY))),
      { nondeterministic: true },
    ),
    impl: decodeVerify,
  },
  {
    decl: decl(
      "io.jwt.encode_sign_raw",
      [
        p("headers", T.string, "JWS Protected Header"),
        p("payload", T.string, "JWS Payload"),
        p("key", T.string, "JSON Web Key (RFC7517)"),
      ],
      p("output", T.string, "signed JWT"),
      { nondeterministic: true },
    ),
    impl: encodeSignRaw,
  },
  {
    decl: decl(
      "io.jwt.encode_sign",
      [
        p("headers", OBJECT_STRING_ANY, "JWS Protected Header"),
        p("payload", OBJECT_STRING_ANY, "JWS Payload"),
        p("key", OBJECT_STRING_ANY, "JSON Web Key (RFC7517)"),
      ],
      p("output", T.string, "signed JWT"),
      { nondeterministic: true },
    ),
    impl: encodeSignObjects,
  },
];
