import type { Value } from "../../value/value.js";
import { latin1Bytes, utf8Decode } from "./bytes.js";
import {
  children,
  contextTag,
  type DerNode,
  DerReader,
  derBitString,
  derInteger,
  derOid,
  oidText,
  TAG,
} from "./der.js";
import { goBytes, goIp, goSlice, goStrings } from "./go-values.js";

/** Certificate fields that come from extensions, in Go's `x509.Certificate` terms. */
export interface ExtensionFields {
  keyUsage: number;
  extKeyUsage: number[];
  unknownExtKeyUsage: number[][];
  basicConstraintsValid: boolean;
  isCA: boolean;
  maxPathLen: number;
  subjectKeyId: Uint8Array | undefined;
  authorityKeyId: Uint8Array | undefined;
  ocspServer: string[];
  issuingCertificateURL: string[];
  dnsNames: string[];
  emailAddresses: string[];
  ipAddresses: Uint8Array[];
  uris: string[];
  permittedDNSDomainsCritical: boolean;
  permittedDNSDomains: string[];
  excludedDNSDomains: string[];
  permittedIPRanges: Value[];
  excludedIPRanges: Value[];
  permittedEmailAddresses: string[];
  excludedEmailAddresses: string[];
  permittedURIDomains: string[];
  excludedURIDomains: string[];
  crlDistributionPoints: string[];
  policyIdentifiers: number[][];
  unhandledCritical: number[][];
  extensions: Value[];
}

/** Fields with Go's zero values. */
export function emptyExtensionFields(): ExtensionFields {
  return {
    keyUsage: 0,
    extKeyUsage: [],
    unknownExtKeyUsage: [],
    basicConstraintsValid: false,
    isCA: false,
    maxPathLen: 0,
    subjectKeyId: undefined,
    authorityKeyId: undefined,
    ocspServer: [],
    issuingCertificateURL: [],
    dnsNames: [],
    emailAddresses: [],
    ipAddresses: [],
    uris: [],
    permittedDNSDomainsCritical: false,
    permittedDNSDomains: [],
    excludedDNSDomains: [],
    permittedIPRanges: [],
    excludedIPRanges: [],
    permittedEmailAddresses: [],
    excludedEmailAddresses: [],
    permittedURIDomains: [],
    excludedURIDomains: [],
    crlDistributionPoints: [],
    policyIdentifiers: [],
    unhandledCritical: [],
    extensions: [],
  };
}

const EXT_KEY_USAGE: Record<string, number> = {
  "2.5.29.37.0": 0,
  "1.3.6.1.5.5.7.3.1": 1,
  "1.3.6.1.5.5.7.3.2": 2,
  "1.3.6.1.5.5.7.3.3": 3,
  "1.3.6.1.5.5.7.3.4": 4,
  "1.3.6.1.5.5.7.3.5": 5,
  "1.3.6.1.5.5.7.3.6": 6,
  "1.3.6.1.5.5.7.3.7": 7,
  "1.3.6.1.5.5.7.3.8": 8,
  "1.3.6.1.5.5.7.3.9": 9,
  "1.3.6.1.4.1.311.10.3.3": 10,
  "2.16.840.1.113730.4.1": 11,
  "1.3.6.1.4.1.311.2.1.22": 12,
  "1.3.6.1.4.1.311.61.1.1": 13,
};

function text(b: Uint8Array): string {
  return utf8Decode(b);
}

/** Collects the names of a GeneralNames sequence into the SAN fields. */
export function parseGeneralNames(seq: DerNode, out: ExtensionFields): void {
  for (const gn of children(seq)) {
    switch (gn.tag) {
      case contextTag(1, false):
        out.emailAddresses.push(text(gn.content));
        break;
      case contextTag(2, false):
        out.dnsNames.push(text(gn.content));
        break;
      case contextTag(6, false):
        out.uris.push(text(gn.content));
        break;
      case contextTag(7, false):
        if (gn.content.length !== 4 && gn.content.length !== 16)
          throw new Error("x509: cannot parse IP address of length");
        out.ipAddresses.push(Uint8Array.from(gn.content));
        break;
    }
  }
}

function uriOf(gn: DerNode): string | undefined {
  return gn.tag === contextTag(6, false) ? text(gn.content) : undefined;
}

function parseNameConstraints(value: Uint8Array, critical: boolean, out: ExtensionFields): void {
  out.permittedDNSDomainsCritical = critical;
  const outer = new DerReader(value).expect(TAG.sequence, "name constraints");
  for (const subtrees of children(outer)) {
    const permitted = subtrees.tag === contextTag(0, true);
    if (!permitted && subtrees.tag !== contextTag(1, true)) continue;
    for (const subtree of children(subtrees)) {
      const base = children(subtree)[0];
      if (base === undefined) continue;
      switch (base.tag) {
        case contextTag(2, false):
          (permitted ? out.permittedDNSDomains : out.excludedDNSDomains).push(text(base.content));
          break;
        case contextTag(1, false):
          (permitted ? out.permittedEmailAddresses : out.excludedEmailAddresses).push(text(base.content));
          break;
        case contextTag(6, false):
          (permitted ? out.permittedURIDomains : out.excludedURIDomains).push(text(base.content));
          break;
        case contextTag(7, false): {
          const half = base.content.length / 2;
          const ipnet = {
            IP: goIp(base.content.subarray(0, half)),
            Mask: goBytes(base.content.subarray(half)),
          };
          (permitted ? out.permittedIPRanges : out.excludedIPRanges).push(ipnet);
          break;
        }
      }
    }
  }
}

function parseExtension(id: string, value: Uint8Array, critical: boolean, out: ExtensionFields): boolean {
  const r = (): DerReader => new DerReader(value);
  switch (id) {
    case "2.5.29.15": {
      const { bytes } = derBitString(r().expect(TAG.bitString, "key usage"));
      let usage = 0;
      for (let i = 0; i < 9; i++) if ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) usage |= 1 << i;
      out.keyUsage = usage;
      return true;
    }
    case "2.5.29.19": {
      const seq = new DerReader(r().expect(TAG.sequence, "basic constraints").content);
      const ca = seq.optional(TAG.boolean);
      out.isCA = ca !== undefined && ca.content[0] !== 0;
      const len = seq.optional(TAG.integer);
      out.maxPathLen = len === undefined ? -1 : Number(derInteger(len));
      out.basicConstraintsValid = true;
      return true;
    }
    case "2.5.29.17":
      parseGeneralNames(r().expect(TAG.sequence, "SAN extension"), out);
      return true;
    case "2.5.29.30":
      parseNameConstraints(value, critical, out);
      return true;
    case "2.5.29.31":
      for (const dp of children(r().expect(TAG.sequence, "CRL distribution points"))) {
        const name = children(dp).find((c) => c.tag === contextTag(0, true));
        const full =
          name === undefined ? undefined : children(name).find((c) => c.tag === contextTag(0, true));
        if (full === undefined) continue;
        for (const gn of children(full)) {
          const u = uriOf(gn);
          if (u !== undefined) out.crlDistributionPoints.push(u);
        }
      }
      return true;
    case "2.5.29.35": {
      const kid = children(r().expect(TAG.sequence, "authority key identifier")).find(
        (c) => c.tag === contextTag(0, false),
      );
      if (kid !== undefined) out.authorityKeyId = Uint8Array.from(kid.content);
      return true;
    }
    case "2.5.29.37":
      for (const o of children(r().expect(TAG.sequence, "extended key usage"))) {
        const arcs = derOid(o);
        const known = EXT_KEY_USAGE[oidText(arcs)];
        if (known === undefined) out.unknownExtKeyUsage.push(arcs);
        else out.extKeyUsage.push(known);
      }
      return true;
    case "2.5.29.14":
      out.subjectKeyId = Uint8Array.from(r().expect(TAG.octetString, "subject key identifier").content);
      return true;
    case "2.5.29.32":
      for (const pi of children(r().expect(TAG.sequence, "certificate policies"))) {
        const o = children(pi)[0];
        if (o !== undefined) out.policyIdentifiers.push(derOid(o));
      }
      return true;
    case "1.3.6.1.5.5.7.1.1":
      for (const ad of children(r().expect(TAG.sequence, "authority info access"))) {
        const [method, loc] = children(ad);
        if (method === undefined || loc === undefined) continue;
        const u = uriOf(loc);
        if (u === undefined) continue;
        const m = oidText(derOid(method));
        if (m === "1.3.6.1.5.5.7.48.1") out.ocspServer.push(u);
        else if (m === "1.3.6.1.5.5.7.48.2") out.issuingCertificateURL.push(u);
      }
      return true;
    case "2.5.29.33":
    case "2.5.29.36":
    case "2.5.29.54":
      return true;
    default:
      return false;
  }
}

/** Parses an `Extensions` sequence, filling the fields and the raw `Extensions` list. */
export function parseExtensions(seq: DerNode, out: ExtensionFields): void {
  for (const ext of children(seq)) {
    const r = new DerReader(ext.content);
    const arcs = derOid(r.expect(TAG.oid, "extension"));
    const crit = r.optional(TAG.boolean);
    const critical = crit !== undefined && crit.content[0] !== 0;
    const value = r.expect(TAG.octetString, "extension").content;
    out.extensions.push({ Id: arcs, Critical: critical, Value: goBytes(value) });
    const handled = parseExtension(oidText(arcs), value, critical, out);
    if (critical && !handled) out.unhandledCritical.push(arcs);
  }
}

/** The JSON fields of a certificate that extensions determine. */
export function extensionJson(f: ExtensionFields): Record<string, Value> {
  return {
    KeyUsage: f.keyUsage,
    Extensions: goSlice(f.extensions),
    ExtraExtensions: null,
    UnhandledCriticalExtensions: goSlice(f.unhandledCritical),
    ExtKeyUsage: goSlice(f.extKeyUsage),
    UnknownExtKeyUsage: goSlice(f.unknownExtKeyUsage),
    BasicConstraintsValid: f.basicConstraintsValid,
    IsCA: f.isCA,
    MaxPathLen: f.maxPathLen,
    MaxPathLenZero: f.basicConstraintsValid && f.maxPathLen === 0,
    SubjectKeyId: goBytes(f.subjectKeyId),
    AuthorityKeyId: goBytes(f.authorityKeyId),
    OCSPServer: goStrings(f.ocspServer),
    IssuingCertificateURL: goStrings(f.issuingCertificateURL),
    DNSNames: goStrings(f.dnsNames),
    EmailAddresses: goStrings(f.emailAddresses),
    IPAddresses: goSlice(f.ipAddresses.map(goIp)),
    URIs: goSlice(f.uris.map(goUrl)),
    PermittedDNSDomainsCritical: f.permittedDNSDomainsCritical,
    PermittedDNSDomains: goStrings(f.permittedDNSDomains),
    ExcludedDNSDomains: goStrings(f.excludedDNSDomains),
    PermittedIPRanges: goSlice(f.permittedIPRanges),
    ExcludedIPRanges: goSlice(f.excludedIPRanges),
    PermittedEmailAddresses: goStrings(f.permittedEmailAddresses),
    ExcludedEmailAddresses: goStrings(f.excludedEmailAddresses),
    PermittedURIDomains: goStrings(f.permittedURIDomains),
    ExcludedURIDomains: goStrings(f.excludedURIDomains),
    CRLDistributionPoints: goStrings(f.crlDistributionPoints),
    PolicyIdentifiers: goSlice(f.policyIdentifiers),
    Policies: goSlice(f.policyIdentifiers.map((a) => oidText(a))),
    InhibitAnyPolicy: 0,
    InhibitAnyPolicyZero: false,
    InhibitPolicyMapping: 0,
    InhibitPolicyMappingZero: false,
    RequireExplicitPolicy: 0,
    RequireExplicitPolicyZero: false,
    PolicyMappings: null,
  };
}

/** A `*url.URL` as Go's JSON encoder renders the struct. */
export function goUrl(raw: string): Value {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(raw);
  let scheme = "";
  let rest = raw;
  if (m !== null) {
    scheme = (m[1] as string).toLowerCase();
    rest = m[2] as string;
  }
  let fragment = "";
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let rawQuery = "";
  const q = rest.indexOf("?");
  if (q >= 0) {
    rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  let host = "";
  let opaque = "";
  let user: Value = null;
  let path = rest;
  if (rest.startsWith("//")) {
    const end = rest.indexOf("/", 2);
    let authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    path = end < 0 ? "" : rest.slice(end);
    const at = authority.lastIndexOf("@");
    if (at >= 0) {
      const info = authority.slice(0, at);
      const colon = info.indexOf(":");
      user =
        colon < 0 ? { username: info } : { username: info.slice(0, colon), password: info.slice(colon + 1) };
      authority = authority.slice(at + 1);
    }
    host = authority;
  } else if (scheme !== "" && !rest.startsWith("/")) {
    opaque = rest;
    path = "";
  }
  return {
    Scheme: scheme,
    Opaque: opaque,
    User: user === null ? null : {},
    Host: host,
    Path: decodePath(path),
    RawPath: "",
    OmitHost: false,
    ForceQuery: false,
    RawQuery: rawQuery,
    Fragment: decodePath(fragment),
    RawFragment: "",
  };
}

function decodePath(p: string): string {
  try {
    return utf8Decode(
      latin1Bytes(
        p.replace(/%([0-9A-Fa-f]{2})/g, (_s, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      ),
    );
  } catch {
    return p;
  }
}
