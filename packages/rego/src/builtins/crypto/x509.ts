import type { PlainObject, Value } from "../../value/value.js";
import {
  children,
  contextTag,
  DerError,
  type DerNode,
  DerReader,
  derBitString,
  derInteger,
  derOid,
  derTime,
  oidText,
  readElement,
  TAG,
} from "./der.js";
import { goBytes, goInt, goTime } from "./go-values.js";
import { publicKeyJson } from "./key-json.js";
import { KeyError, OID_EC, OID_ED25519, OID_RSA, type PublicKey, parseSpki, readSpki } from "./keys.js";
import { type ExtensionFields, emptyExtensionFields, extensionJson, parseExtensions } from "./x509-ext.js";
import { parseName } from "./x509-name.js";

/** A parsed X.509 certificate: Go's JSON shape plus what chain verification needs. */
export interface Certificate {
  readonly json: PlainObject;
  readonly raw: Uint8Array;
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: number;
  readonly signature: Uint8Array;
  readonly publicKey: PublicKey | undefined;
  readonly rawIssuer: Uint8Array;
  readonly rawSubject: Uint8Array;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly ext: ExtensionFields;
}

/** A certificate failed to parse; messages follow Go's `crypto/x509`. */
export class CertificateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CertificateError";
  }
}

/** Go's `x509.SignatureAlgorithm` values by OID. */
const SIGNATURE_ALGORITHMS: Record<string, number> = {
  "1.2.840.113549.1.1.2": 1,
  "1.2.840.113549.1.1.4": 2,
  "1.2.840.113549.1.1.5": 3,
  "1.2.840.113549.1.1.11": 4,
  "1.2.840.113549.1.1.12": 5,
  "1.2.840.113549.1.1.13": 6,
  "1.2.840.10040.4.3": 7,
  "2.16.840.1.101.3.4.3.2": 8,
  "1.2.840.10045.4.1": 9,
  "1.2.840.10045.4.3.2": 10,
  "1.2.840.10045.4.3.3": 11,
  "1.2.840.10045.4.3.4": 12,
  "1.3.101.112": 16,
};

const PSS_HASHES: Record<string, number> = {
  "2.16.840.1.101.3.4.2.1": 13,
  "2.16.840.1.101.3.4.2.2": 14,
  "2.16.840.1.101.3.4.2.3": 15,
};

/** The `x509.SignatureAlgorithm` of an AlgorithmIdentifier. */
export function signatureAlgorithm(algId: DerNode): number {
  const [o, params] = children(algId);
  if (o === undefined) return 0;
  const id = oidText(derOid(o));
  if (id === "1.2.840.113549.1.1.10") {
    const hashAlg =
      params === undefined ? undefined : children(params).find((c) => c.tag === contextTag(0, true));
    const hashOid = hashAlg === undefined ? undefined : children(children(hashAlg)[0] ?? hashAlg)[0];
    return hashOid === undefined ? 0 : (PSS_HASHES[oidText(derOid(hashOid))] ?? 0);
  }
  return SIGNATURE_ALGORITHMS[id] ?? 0;
}

/** The `x509.PublicKeyAlgorithm` of an SPKI algorithm OID. */
export function publicKeyAlgorithm(oid: string): number {
  return oid === OID_RSA
    ? 1
    : oid === "1.2.840.10040.4.1"
      ? 2
      : oid === OID_EC
        ? 3
        : oid === OID_ED25519
          ? 4
          : 0;
}

function malformed(what: string): CertificateError {
  return new CertificateError(`x509: malformed ${what}`);
}

/** Parses one DER certificate element (Go's `x509.ParseCertificate` on its bytes). */
export function parseCertificateNode(cert: DerNode): Certificate {
  if (cert.tag !== TAG.sequence) throw malformed("certificate");
  const r = new DerReader(cert.content);
  let tbsNode: DerNode;
  try {
    tbsNode = r.expect(TAG.sequence, "tbs certificate");
  } catch {
    throw malformed("tbs certificate");
  }
  const t = new DerReader(tbsNode.content);
  let version = 0;
  const v = t.optional(contextTag(0, true));
  if (v !== undefined) version = Number(derInteger(new DerReader(v.content).expect(TAG.integer, "version")));
  if (version < 0 || version > 2) throw malformed("version");
  const serial = derInteger(t.expect(TAG.integer, "serial number"));
  const innerAlg = t.expect(TAG.sequence, "signature algorithm identifier");
  const issuer = t.expect(TAG.sequence, "issuer");
  const validity = new DerReader(t.expect(TAG.sequence, "validity").content);
  const notBefore = derTime(validity.next());
  const notAfter = derTime(validity.next());
  const subject = t.expect(TAG.sequence, "subject");
  const spki = t.expect(TAG.sequence, "spki");
  t.optional(contextTag(1, false));
  t.optional(contextTag(2, false));
  const ext = emptyExtensionFields();
  const extNode = t.optional(contextTag(3, true));
  if (extNode !== undefined) {
    if (version < 2) throw new CertificateError("x509: malformed extensions");
    parseExtensions(new DerReader(extNode.content).expect(TAG.sequence, "extensions"), ext);
  }
  const outerAlg = r.expect(TAG.sequence, "algorithm identifier");
  const signature = derBitString(r.expect(TAG.bitString, "signature")).bytes;
  const sigAlg = signatureAlgorithm(outerAlg);
  if (sigAlg !== signatureAlgorithm(innerAlg))
    throw new CertificateError("x509: inner and outer signature algorithm identifiers don't match");
  const { alg } = readSpki(spki);
  let publicKey: PublicKey | undefined;
  try {
    publicKey = parseSpki(spki);
  } catch (err: unknown) {
    if (publicKeyAlgorithm(alg) !== 0) throw err;
  }
  const issuerName = parseName(issuer);
  const subjectName = parseName(subject);
  const json: Record<string, Value> = {
    Raw: goBytes(cert.raw),
    RawTBSCertificate: goBytes(tbsNode.raw),
    RawSubjectPublicKeyInfo: goBytes(spki.raw),
    RawSubject: goBytes(subject.raw),
    RawIssuer: goBytes(issuer.raw),
    Signature: goBytes(signature),
    SignatureAlgorithm: sigAlg,
    PublicKeyAlgorithm: publicKeyAlgorithm(alg),
    PublicKey: publicKey === undefined ? null : publicKeyJson(publicKey),
    Version: version + 1,
    SerialNumber: goInt(serial),
    Issuer: issuerName.json,
    Subject: subjectName.json,
    NotBefore: goTime(notBefore),
    NotAfter: goTime(notAfter),
    ...extensionJson(ext),
  };
  return {
    json,
    raw: cert.raw,
    tbs: tbsNode.raw,
    signatureAlgorithm: sigAlg,
    signature,
    publicKey,
    rawIssuer: issuer.raw,
    rawSubject: subject.raw,
    notBefore,
    notAfter,
    ext,
  };
}

/** Parses concatenated DER certificates (Go's `x509.ParseCertificates`). */
export function parseCertificates(der: Uint8Array): Certificate[] {
  const out: Certificate[] = [];
  let pos = 0;
  while (pos < der.length) {
    let node: DerNode;
    try {
      const e = readElement(der, pos);
      node = e.node;
      pos = e.next;
    } catch {
      throw malformed("certificate");
    }
    out.push(parseCertificate(node));
  }
  return out;
}

/** Parses exactly one DER certificate. */
export function parseCertificateDer(der: Uint8Array): Certificate {
  let e: { node: DerNode; next: number };
  try {
    e = readElement(der, 0);
  } catch {
    throw malformed("certificate");
  }
  const cert = parseCertificate(e.node);
  if (e.next !== der.length) throw new CertificateError("x509: trailing data");
  return cert;
}

function parseCertificate(node: DerNode): Certificate {
  try {
    return parseCertificateNode(node);
  } catch (err: unknown) {
    if (err instanceof CertificateError || err instanceof KeyError) throw err;
    if (err instanceof DerError)
      throw new CertificateError(
        `x509: ${err.message.startsWith("malformed") ? err.message : "malformed certificate"}`,
      );
    throw malformed("certificate");
  }
}
