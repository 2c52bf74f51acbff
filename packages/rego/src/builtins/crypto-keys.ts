import { typeName, type Value } from "../value/value.js";
import { argString } from "./args.js";
import { base64Decode, base64Encode, STD_ENCODING } from "./crypto/base64.js";
import { latin1String } from "./crypto/bytes.js";
import { privateKeyJson, privateKeyJwk } from "./crypto/key-json.js";
import {
  type PrivateKey,
  parseEcPrivateKey,
  parsePkcs1PrivateKey,
  parsePkcs8PrivateKey,
  publicOf,
  samePublicKey,
} from "./crypto/keys.js";
import { pemDecode, pemEncode } from "./crypto/pem.js";
import { parseCertificateDer } from "./crypto/x509.js";
import { asBuiltinError, BuiltinError, OperandTypeError } from "./errors.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

/** OPA's `getPrivateKeysFromPEMData`: RSA, PKCS #8 and EC private key blocks, optionally base64-wrapped. */
function privateKeysFromPem(data: string): PrivateKey[] {
  let text = data;
  try {
    text = latin1String(base64Decode(data, STD_ENCODING));
  } catch {
    text = data;
  }
  const keys: PrivateKey[] = [];
  let rest = text;
  while (rest.length > 0) {
    const before = rest.length;
    const { block, rest: after } = pemDecode(rest);
    rest = after;
    if (block === undefined || before === rest.length) break;
    switch (block.type) {
      case "RSA PRIVATE KEY":
        keys.push(parsePkcs1PrivateKey(block.bytes));
        break;
      case "PRIVATE KEY":
        keys.push(parsePkcs8PrivateKey(block.bytes));
        break;
      case "EC PRIVATE KEY":
        keys.push(parseEcPrivateKey(block.bytes));
        break;
    }
  }
  return keys;
}

function parsePrivateKeys(args: readonly Value[]): Value {
  const input = argString(args, 0);
  if (input === "") return null;
  const keys = asBuiltinError(() => privateKeysFromPem(input));
  return keys.map(privateKeyJson);
}

function parseRsaPrivateKey(args: readonly Value[]): Value {
  let input = argString(args, 0);
  if (input === "") throw new BuiltinError("input PEM data was empty");
  return asBuiltinError(() => {
    if (!input.startsWith("-----BEGIN")) input = latin1String(base64Decode(input, STD_ENCODING));
    const key = privateKeysFromPem(input)[0];
    return key === undefined ? null : privateKeyJwk(key);
  });
}

function tlsPrivateKey(der: Uint8Array): PrivateKey {
  for (const parse of [parsePkcs1PrivateKey, parsePkcs8PrivateKey, (b: Uint8Array) => parseEcPrivateKey(b)]) {
    try {
      return parse(der);
    } catch {}
  }
  throw new BuiltinError("tls: failed to parse private key");
}

function pemBlocks(text: string): { type: string; bytes: Uint8Array }[] {
  const out: { type: string; bytes: Uint8Array }[] = [];
  let rest = text;
  for (;;) {
    const { block, rest: after } = pemDecode(rest);
    if (block === undefined) return out;
    out.push({ type: block.type, bytes: block.bytes });
    rest = after;
  }
}

function asPem(input: string, type: string): string {
  let text = input;
  if (!text.startsWith("-----BEGIN ")) text = latin1String(base64Decode(text, STD_ENCODING));
  if (!text.startsWith("-----BEGIN ")) {
    const der = Uint8Array.from(text, (c) => c.charCodeAt(0));
    text = pemEncode(type, base64Encode(der, STD_ENCODING));
  }
  return text;
}

/** Go's `tls.X509KeyPair` after OPA's base64/DER normalization, as JSON. */
function parseKeyPair(args: readonly Value[]): Value {
  const certIn = argString(args, 0);
  const keyArg = args[1] ?? null;
  if (typeof keyArg !== "string") throw OperandTypeError.mustBe(1, typeName(keyArg), "string");
  return asBuiltinError(() => {
    const certBlocks = pemBlocks(asPem(certIn, "CERTIFICATE"));
    const ders = certBlocks.filter((b) => b.type === "CERTIFICATE").map((b) => b.bytes);
    if (ders.length === 0) {
      const skipped = certBlocks.map((b) => b.type);
      if (skipped.length === 0)
        throw new BuiltinError("tls: failed to find any PEM data in certificate input");
      if (skipped.length === 1 && (skipped[0] as string).endsWith("PRIVATE KEY")) {
        throw new BuiltinError(
          "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched",
        );
      }
      throw new BuiltinError(
        `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped.join(" ")}]`,
      );
    }
    const keyBlocks = pemBlocks(asPem(keyArg, "PRIVATE KEY"));
    const keyBlock = keyBlocks.find((b) => b.type === "PRIVATE KEY" || b.type.endsWith(" PRIVATE KEY"));
    if (keyBlock === undefined) {
      const skipped = keyBlocks.map((b) => b.type);
      if (skipped.length === 0) throw new BuiltinError("tls: failed to find any PEM data in key input");
      if (skipped.length === 1 && skipped[0] === "CERTIFICATE")
        throw new BuiltinError("tls: found a certificate rather than a key in the PEM for the private key");
      throw new BuiltinError(
        `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(" ")}]`,
      );
    }
    const leaf = parseCertificateDer(ders[0] as Uint8Array);
    const key = tlsPrivateKey(keyBlock.bytes);
    const pub = leaf.publicKey;
    if (pub === undefined) throw new BuiltinError("tls: unknown public key algorithm");
    if (pub.kind !== key.kind) throw new BuiltinError("tls: private key type does not match public key type");
    if (!samePublicKey(pub, publicOf(key)))
      throw new BuiltinError("tls: private key does not match public key");
    return {
      Certificate: ders.map((d) => base64Encode(d, STD_ENCODING)),
      PrivateKey: privateKeyJson(key),
      SupportedSignatureAlgorithms: null,
      OCSPStaple: null,
      SignedCertificateTimestamps: null,
      Leaf: leaf.json,
    };
  });
}

const KEY_OBJECT = T.objectOf(T.string, T.any);

/** `crypto.x509.parse_keypair`, `crypto.x509.parse_rsa_private_key` and `crypto.parse_private_keys`. */
export const cryptoKeyBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl(
      "crypto.x509.parse_keypair",
      [
        p("cert", T.string, "string containing PEM or base64 encoded DER certificates"),
        p("pem", T.string, "string containing PEM or base64 encoded DER keys"),
      ],
      p(
        "output",
        KEY_OBJECT,
        "if key pair is valid, returns the tls.certificate(https://pkg.go.dev/crypto/tls#Certificate) as an object. If the key pair is invalid, nil and an error are returned.",
      ),
    ),
    impl: parseKeyPair,
  },
  {
    decl: decl(
      "crypto.x509.parse_rsa_private_key",
      [p("pem", T.string, "base64 string containing a PEM encoded RSA private key")],
      p("output", KEY_OBJECT, "JWK as an object"),
    ),
    impl: parseRsaPrivateKey,
  },
  {
    decl: decl(
      "crypto.parse_private_keys",
      [
        p(
          "keys",
          T.string,
          "PEM encoded data containing one or more private keys as concatenated blocks. Optionally Base64 encoded.",
        ),
      ],
      p("output", T.arrayOf(KEY_OBJECT), "parsed private keys represented as objects"),
    ),
    impl: parsePrivateKeys,
  },
];
