import { bigIntToBytes, bytesEqual, concatBytes } from "./bytes.js";
import { DerReader, derInteger, TAG } from "./der.js";
import { digest, type HashName } from "./hash.js";
import { verifyEcdsaHalves, verifyEd25519 } from "./jws.js";
import { curveBytes } from "./keys.js";
import { bitLength, verifyPkcs1v15, verifyPss } from "./rsa.js";
import type { Certificate } from "./x509.js";

/** Chain verification options (Go's `x509.VerifyOptions` as OPA exposes them). */
export interface VerifyOptions {
  dnsName: string;
  /** Milliseconds since the epoch. */
  currentTime: number;
  /** Go `ExtKeyUsage` values; empty means server authentication. */
  keyUsages: number[];
}

const EXT_KEY_USAGE_ANY = 0;
const EXT_KEY_USAGE_SERVER_AUTH = 1;
const KEY_USAGE_CERT_SIGN = 1 << 5;

const SIG_HASH: Record<number, [string, HashName]> = {
  4: ["RS", "SHA-256"],
  5: ["RS", "SHA-384"],
  6: ["RS", "SHA-512"],
  10: ["ES", "SHA-256"],
  11: ["ES", "SHA-384"],
  12: ["ES", "SHA-512"],
  13: ["PS", "SHA-256"],
  14: ["PS", "SHA-384"],
  15: ["PS", "SHA-512"],
  16: ["Ed", "SHA-512"],
};

/** True when `parent`'s key made `child`'s signature (Go's `CheckSignatureFrom`, less SHA-1). */
export function checkSignatureFrom(child: Certificate, parent: Certificate): boolean {
  const v3 = parent.json.Version === 3;
  if ((v3 && !parent.ext.basicConstraintsValid) || (parent.ext.basicConstraintsValid && !parent.ext.isCA))
    return false;
  if (parent.ext.keyUsage !== 0 && (parent.ext.keyUsage & KEY_USAGE_CERT_SIGN) === 0) return false;
  const alg = SIG_HASH[child.signatureAlgorithm];
  const key = parent.publicKey;
  if (alg === undefined || key === undefined) return false;
  const [family, hash] = alg;
  switch (family) {
    case "RS":
      return (
        key.kind === "rsa" &&
        bitLength(key.n) >= 1024 &&
        verifyPkcs1v15(key, hash, digest(hash, child.tbs), child.signature)
      );
    case "PS":
      return (
        key.kind === "rsa" &&
        bitLength(key.n) >= 1024 &&
        verifyPss(key, hash, digest(hash, child.tbs), child.signature)
      );
    case "ES": {
      if (key.kind !== "ecdsa") return false;
      try {
        const r = new DerReader(new DerReader(child.signature).expect(TAG.sequence, "signature").content);
        const size = curveBytes(key.curve);
        const rv = derInteger(r.expect(TAG.integer, "r"));
        const sv = derInteger(r.expect(TAG.integer, "s"));
        if (rv <= 0n || sv <= 0n) return false;
        const sig = concatBytes(bigIntToBytes(rv, size), bigIntToBytes(sv, size));
        return verifyEcdsaHalves(key, digest(hash, child.tbs), sig);
      } catch {
        return false;
      }
    }
    default:
      return verifyEd25519(key, child.tbs, child.signature);
  }
}

function matchHostname(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, "");
  const h = host.toLowerCase().replace(/\.$/, "");
  if (p === h) return true;
  if (!p.startsWith("*.")) return false;
  const dot = h.indexOf(".");
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

function verifyHostname(leaf: Certificate, host: string): boolean {
  const candidate = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  const ips = leaf.ext.ipAddresses.map((b) => (b.length === 4 ? Array.from(b).join(".") : ""));
  if (/^[0-9.]+$/.test(candidate)) return ips.includes(candidate);
  return leaf.ext.dnsNames.some((n) => matchHostname(n, candidate));
}

function usageAllowed(chain: readonly Certificate[], wanted: readonly number[]): boolean {
  if (wanted.includes(EXT_KEY_USAGE_ANY)) return true;
  let remaining = [...wanted];
  for (const cert of chain) {
    const eku = cert.ext.extKeyUsage;
    if (eku.length === 0 && cert.ext.unknownExtKeyUsage.length === 0) continue;
    if (eku.includes(EXT_KEY_USAGE_ANY)) continue;
    remaining = remaining.filter(
      (u) => eku.includes(u) || (u === EXT_KEY_USAGE_SERVER_AUTH && (eku.includes(10) || eku.includes(11))),
    );
    if (remaining.length === 0) return false;
  }
  return true;
}

function timeValid(c: Certificate, now: number): boolean {
  return now >= c.notBefore && now <= c.notAfter;
}

/**
 * Verifies that `leaf` chains to one of `roots` through `intermediates` (Go's `Certificate.Verify`,
 * simplified: name chaining by raw issuer/subject, signature, CA and key-usage constraints, validity
 * periods and the DNS name). Returns the chain leaf first, or undefined.
 */
export function verifyChain(
  leaf: Certificate,
  intermediates: readonly Certificate[],
  roots: readonly Certificate[],
  opts: VerifyOptions,
): Certificate[] | undefined {
  if (!timeValid(leaf, opts.currentTime)) return undefined;
  if (opts.dnsName !== "" && !verifyHostname(leaf, opts.dnsName)) return undefined;
  const usages = opts.keyUsages.length === 0 ? [EXT_KEY_USAGE_SERVER_AUTH] : opts.keyUsages;
  const search = (chain: Certificate[], depth: number): Certificate[] | undefined => {
    const child = chain[chain.length - 1] as Certificate;
    if (depth > 16) return undefined;
    for (const root of roots) {
      if (!bytesEqual(root.rawSubject, child.rawIssuer) || !timeValid(root, opts.currentTime)) continue;
      if (chain.includes(root) || !checkSignatureFrom(child, root)) continue;
      const full = [...chain, root];
      if (usageAllowed(full, usages)) return full;
    }
    for (const inter of intermediates) {
      if (chain.includes(inter) || !bytesEqual(inter.rawSubject, child.rawIssuer)) continue;
      if (!timeValid(inter, opts.currentTime) || !inter.ext.basicConstraintsValid || !inter.ext.isCA)
        continue;
      if (!checkSignatureFrom(child, inter)) continue;
      const found = search([...chain, inter], depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (const root of roots) if (bytesEqual(root.raw, leaf.raw)) return [leaf];
  return search([leaf], 0);
}
