import {
  isArray,
  isNumber,
  isSet,
  type ObjectValue,
  objectEntries,
  type PlainObject,
  type Value,
} from "../value/value.js";
import { argObject, argString } from "./args.js";
import { base64Decode, STD_ENCODING } from "./crypto/base64.js";
import { latin1String, utf8Encode } from "./crypto/bytes.js";
import { pemDecode } from "./crypto/pem.js";
import { type Certificate, parseCertificates } from "./crypto/x509.js";
import { parseCertificateRequest } from "./crypto/x509-csr.js";
import { type VerifyOptions, verifyChain } from "./crypto/x509-verify.js";
import { asBuiltinError, BuiltinError } from "./errors.js";
import type { BuiltinContext, BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

function certsFromPem(text: string): Certificate[] {
  const parts: Uint8Array[] = [];
  let rest = text;
  for (;;) {
    const { block, rest: after } = pemDecode(rest);
    if (block === undefined) break;
    if (block.type !== "CERTIFICATE")
      throw new BuiltinError(`PEM block type is '${block.type}', expected CERTIFICATE`);
    parts.push(block.bytes);
    rest = after;
    if (rest.length === 0) break;
  }
  let n = 0;
  for (const b of parts) n += b.length;
  const all = new Uint8Array(n);
  let o = 0;
  for (const b of parts) {
    all.set(b, o);
    o += b.length;
  }
  return parseCertificates(all);
}

/** OPA's `getX509CertsFromString`: PEM, base64 PEM or base64 DER. */
export function certsFromString(s: string): Certificate[] {
  return asBuiltinError(() => {
    if (s.startsWith("-----BEGIN")) return certsFromPem(s);
    const der = base64Decode(s, STD_ENCODING);
    const text = latin1String(der);
    if (text.startsWith("-----BEGIN")) return certsFromPem(text);
    return parseCertificates(der);
  });
}

/** Certificates as OPA returns them from `parse_certificates`: with `URIStrings`. */
function withUriStrings(certs: readonly Certificate[]): Value {
  return certs.map((c) => ({ ...c.json, URIStrings: c.ext.uris.length === 0 ? null : [...c.ext.uris] }));
}

const UNVERIFIED: Value = [false, []];

function chainOf(certs: Certificate[], opts: VerifyOptions): Certificate[] | undefined {
  if (certs.length < 2) return undefined;
  const root = certs[0] as Certificate;
  const leaf = certs[certs.length - 1] as Certificate;
  return verifyChain(leaf, certs.slice(1, -1), [root], opts);
}

const KEY_USAGES: Record<string, number> = {
  KeyUsageAny: 0,
  KeyUsageServerAuth: 1,
  KeyUsageClientAuth: 2,
  KeyUsageCodeSigning: 3,
  KeyUsageEmailProtection: 4,
  KeyUsageIPSECEndSystem: 5,
  KeyUsageIPSECTunnel: 6,
  KeyUsageIPSECUser: 7,
  KeyUsageTimeStamping: 8,
  KeyUsageOCSPSigning: 9,
  KeyUsageMicrosoftServerGatedCrypto: 10,
  KeyUsageNetscapeServerGatedCrypto: 11,
  KeyUsageMicrosoftCommercialCodeSigning: 12,
  KeyUsageMicrosoftKernelCodeSigning: 13,
};

function verifyOptions(o: ObjectValue, now: bigint): VerifyOptions {
  const opts: VerifyOptions = { dnsName: "", currentTime: Number(now / 1000000n), keyUsages: [] };
  for (const [k, v] of objectEntries(o)) {
    if (typeof k !== "string") continue;
    switch (k) {
      case "DNSName":
        if (typeof v !== "string") throw new BuiltinError("'DNSName' should be a string");
        opts.dnsName = v;
        break;
      case "CurrentTime":
        if (!isNumber(v)) throw new BuiltinError("'CurrentTime' should be a number");
        if (!Number.isInteger(Number(v)) || BigInt.asIntN(64, BigInt(v)) !== BigInt(v)) {
          throw new BuiltinError("'CurrentTime' should be a valid int64 number");
        }
        opts.currentTime = Number(BigInt(v) / 1000000n);
        break;
      case "MaxConstraintComparisons":
        if (!isNumber(v)) throw new BuiltinError("'MaxConstraintComparisons' should be a number");
        if (!Number.isInteger(Number(v)))
          throw new BuiltinError("'MaxConstraintComparisons' should be a valid number");
        break;
      case "KeyUsages": {
        if (!isArray(v) && !isSet(v)) throw new BuiltinError("'KeyUsages' should be an Array or Set");
        const invalid: string[] = [];
        for (const u of isArray(v) ? v : v.values()) {
          if (typeof u !== "string") continue;
          const ku = KEY_USAGES[u];
          if (ku === undefined) invalid.push(u);
          else opts.keyUsages.push(ku);
        }
        if (invalid.length > 0)
          throw new BuiltinError(`invalid entries for 'KeyUsages' found: [${invalid.join(" ")}]`);
        break;
      }
      default:
        throw new BuiltinError("invalid key option");
    }
  }
  return opts;
}

function parseAndVerify(args: readonly Value[], ctx: BuiltinContext): Value {
  const input = argString(args, 0);
  let certs: Certificate[];
  try {
    certs = certsFromString(input);
  } catch {
    return UNVERIFIED;
  }
  const chain = chainOf(certs, { dnsName: "", currentTime: Number(ctx.nowNs() / 1000000n), keyUsages: [] });
  return chain === undefined ? UNVERIFIED : [true, withUriStrings(chain)];
}

function parseAndVerifyWithOptions(args: readonly Value[], ctx: BuiltinContext): Value {
  const input = argString(args, 0);
  const options = argObject(args, 1);
  let certs: Certificate[];
  try {
    certs = certsFromString(input);
  } catch {
    return UNVERIFIED;
  }
  const chain = chainOf(certs, verifyOptions(options, ctx.nowNs()));
  return chain === undefined ? UNVERIFIED : [true, chain.map((c) => c.json)];
}

function parseCsr(args: readonly Value[]): Value {
  const input = argString(args, 0);
  return asBuiltinError((): PlainObject => {
    let der = input.startsWith("-----BEGIN CERTIFICATE REQUEST-----")
      ? utf8Encode(input)
      : base64Decode(input, STD_ENCODING);
    const { block } = pemDecode(latin1String(der));
    if (block !== undefined && block.type !== "CERTIFICATE REQUEST")
      throw new BuiltinError("invalid PEM-encoded certificate signing request");
    if (block !== undefined) der = block.bytes;
    return parseCertificateRequest(der);
  });
}

const CERT_OBJECT = T.objectOf(T.string, T.any);
const VERIFY_OUTPUT = T.arrayOf(T.anyOf(T.boolean, T.arrayOf(CERT_OBJECT)));
const CHAIN_DOC =
  "base64 encoded DER or PEM data containing two or more certificates where the first is a root CA, the last is a leaf certificate, and all others are intermediate CAs";

/** `crypto.x509.parse_certificates`, the chain verifiers and `parse_certificate_request`. */
export const cryptoX509Builtins: readonly BuiltinDef[] = [
  {
    decl: decl(
      "crypto.x509.parse_certificates",
      [
        p(
          "certs",
          T.string,
          "base64 encoded DER or PEM data containing one or more certificates or a PEM string of one or more certificates",
        ),
      ],
      p("output", T.arrayOf(CERT_OBJECT), "parsed X.509 certificates represented as objects"),
    ),
    impl: (args) => withUriStrings(certsFromString(argString(args, 0))),
  },
  {
    decl: decl(
      "crypto.x509.parse_and_verify_certificates",
      [p("certs", T.string, CHAIN_DOC)],
      p("output", VERIFY_OUTPUT),
    ),
    impl: parseAndVerify,
  },
  {
    decl: decl(
      "crypto.x509.parse_and_verify_certificates_with_options",
      [
        p("certs", T.string, CHAIN_DOC),
        p(
          "options",
          T.objectOf(T.string, T.any),
          "object containing extra configs to verify the validity of certificates",
        ),
      ],
      p("output", VERIFY_OUTPUT),
    ),
    impl: parseAndVerifyWithOptions,
  },
  {
    decl: decl(
      "crypto.x509.parse_certificate_request",
      [
        p(
          "csr",
          T.string,
          "base64 string containing either a PEM encoded or DER CSR or a string containing a PEM CSR",
        ),
      ],
      p("output", CERT_OBJECT, "X.509 CSR represented as an object"),
    ),
    impl: parseCsr,
  },
];
