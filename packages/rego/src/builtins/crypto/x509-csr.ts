import type { PlainObject, Value } from "../../value/value.js";
import { errorMessage } from "../errors.js";
import {
  children,
  contextTag,
  type DerHeader,
  type DerNode,
  DerReader,
  derBitString,
  derInteger,
  derOid,
  oidText,
  readElement,
  readHeader,
  TAG,
} from "./der.js";
import { goBytes, goIp, goSlice, goStrings } from "./go-values.js";
import { publicKeyJson } from "./key-json.js";
import { parseSpki, readSpki } from "./keys.js";
import { publicKeyAlgorithm, signatureAlgorithm } from "./x509.js";
import { emptyExtensionFields, goUrl, parseExtensions } from "./x509-ext.js";
import { anyValue, parseName } from "./x509-name.js";

/** A CSR failed to parse; the message follows Go's `encoding/asn1` wording. */
export class CsrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsrError";
  }
}

const GO_PARAMS =
  "{optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false}";

function structureError(h: DerHeader): CsrError {
  return new CsrError(
    `asn1: structure error: tags don't match (16 vs {class:${h.tagClass} tag:${h.tagNumber} length:${h.length} isCompound:${h.constructed}}) ${GO_PARAMS} certificateRequest @${h.start}`,
  );
}

function attributes(attrs: DerNode | undefined): { json: Value[]; extensions: DerNode | undefined } {
  const json: Value[] = [];
  let extensions: DerNode | undefined;
  if (attrs === undefined) return { json, extensions };
  for (const attr of children(attrs)) {
    const [t, values] = children(attr);
    if (t === undefined || values === undefined) continue;
    const type = derOid(t);
    const sets: Value[] = [];
    for (const v of children(values)) {
      if (v.tag !== TAG.sequence) continue;
      const atvs: Value[] = [];
      for (const atv of children(v)) {
        const [at, av] = children(atv);
        if (at === undefined || av === undefined || at.tag !== TAG.oid) continue;
        atvs.push({
          Type: derOid(at),
          Value: av.tag === TAG.octetString ? goBytes(av.content) : anyValue(av),
        });
      }
      sets.push(atvs);
    }
    json.push({ Type: type, Value: sets });
    if (oidText(type) === "1.2.840.113549.1.9.14") extensions = children(values)[0];
  }
  return { json, extensions };
}

/** Parses a DER PKCS #10 request into Go's `x509.CertificateRequest` JSON. */
export function parseCertificateRequest(der: Uint8Array): PlainObject {
  let outer: DerNode;
  try {
    const h = readHeader(der, 0);
    if (h.tag !== TAG.sequence) throw structureError(h);
    outer = readElement(der, 0).node;
  } catch (err: unknown) {
    if (err instanceof CsrError) throw err;
    throw new CsrError("asn1: syntax error: data truncated");
  }
  try {
    const r = new DerReader(outer.content);
    const info = r.expect(TAG.sequence, "certificate request info");
    const alg = r.expect(TAG.sequence, "signature algorithm");
    const signature = derBitString(r.expect(TAG.bitString, "signature")).bytes;
    const ir = new DerReader(info.content);
    const version = Number(derInteger(ir.expect(TAG.integer, "version")));
    const subject = ir.expect(TAG.sequence, "subject");
    const spki = ir.expect(TAG.sequence, "public key");
    const attrs = ir.optional(contextTag(0, true));
    const { json: attrJson, extensions } = attributes(attrs);
    const ext = emptyExtensionFields();
    if (extensions !== undefined) parseExtensions(extensions, ext);
    const { alg: keyAlg } = readSpki(spki);
    let key: Value = null;
    try {
      key = publicKeyJson(parseSpki(spki));
    } catch {
      key = null;
    }
    return {
      Raw: goBytes(outer.raw),
      RawTBSCertificateRequest: goBytes(info.raw),
      RawSubjectPublicKeyInfo: goBytes(spki.raw),
      RawSubject: goBytes(subject.raw),
      Version: version,
      Signature: goBytes(signature),
      SignatureAlgorithm: signatureAlgorithm(alg),
      PublicKeyAlgorithm: publicKeyAlgorithm(keyAlg),
      PublicKey: key,
      Subject: parseName(subject).json,
      Attributes: goSlice(attrJson),
      Extensions: goSlice(ext.extensions),
      ExtraExtensions: null,
      DNSNames: goStrings(ext.dnsNames),
      EmailAddresses: goStrings(ext.emailAddresses),
      IPAddresses: goSlice(ext.ipAddresses.map(goIp)),
      URIs: goSlice(ext.uris.map(goUrl)),
    };
  } catch (err: unknown) {
    if (err instanceof CsrError) throw err;
    throw new CsrError(`asn1: structure error: ${errorMessage(err)}`);
  }
}
