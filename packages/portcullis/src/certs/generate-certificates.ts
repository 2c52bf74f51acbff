import { generateKeyPairSync, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import forge from "node-forge";

/** A PEM certificate and its PEM private key. */
export interface PemPair {
  readonly cert: string;
  readonly key: string;
}

/** Names the serving certificate always covers, so that local clients verify it. */
export const LOCAL_NAMES: readonly string[] = ["localhost", "127.0.0.1", "::1"];

const DAY_MS = 24 * 60 * 60 * 1000;

function newKeyPair(): {
  forgeKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
} {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return {
    forgeKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    pem: privateKey,
  };
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString("hex");
}

function validity(cert: forge.pki.Certificate, now: Date, days: number): void {
  cert.validity.notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + days * DAY_MS);
}

/** Creates a self-signed CA (RSA 2048, SHA-256, 10 years) for signing the serving certificate. */
export function createCertificateAuthority(
  commonName = "portcullis-ca",
  now: Date = new Date(),
): PemPair & { readonly forgeCert: forge.pki.Certificate; readonly forgeKey: forge.pki.rsa.PrivateKey } {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  validity(cert, now, 3650);
  const subject = [{ name: "commonName", value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(keys.forgeKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keys.pem, forgeCert: cert, forgeKey: keys.forgeKey };
}

type SigningCa = { readonly forgeCert: forge.pki.Certificate; readonly forgeKey: forge.pki.rsa.PrivateKey };

/** A certificate for `commonName` signed by the CA (RSA 2048, SHA-256, 1 year) with these extensions. */
function signedLeaf(
  ca: SigningCa,
  commonName: string,
  extensions: readonly Record<string, unknown>[],
  now: Date,
): PemPair {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  validity(cert, now, 365);
  cert.setSubject([{ name: "commonName", value: commonName }]);
  cert.setIssuer(ca.forgeCert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    ...extensions,
  ]);
  cert.sign(ca.forgeKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keys.pem };
}

/**
 * Creates a serving certificate signed by the CA (RSA 2048, SHA-256, 1 year) for the given DNS
 * names and IP addresses, plus localhost, 127.0.0.1 and ::1. It is also a client certificate
 * (clientAuth): the webhook presents it to external data providers that ask for one, as
 * Gatekeeper presents its own.
 */
export function createServingCertificate(
  ca: SigningCa,
  names: readonly string[] = [],
  now: Date = new Date(),
): PemPair {
  const all = [...new Set([...LOCAL_NAMES, ...names])];
  const firstDns = all.find((n) => isIP(n) === 0) ?? "localhost";
  return signedLeaf(
    ca,
    firstDns,
    [
      { name: "extKeyUsage", serverAuth: true, clientAuth: true },
      {
        name: "subjectAltName",
        altNames: all.map((n) => (isIP(n) === 0 ? { type: 2, value: n } : { type: 7, ip: n })),
      },
    ],
    now,
  );
}

/**
 * Creates a client certificate signed by the CA (RSA 2048, SHA-256, 1 year, clientAuth) with the
 * given subject common name: what the API server presents to a webhook that asks for one.
 */
export function createClientCertificate(ca: SigningCa, commonName: string, now: Date = new Date()): PemPair {
  return signedLeaf(ca, commonName, [{ name: "extKeyUsage", clientAuth: true }], now);
}
