import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createSecureContext } from "node:tls";
import { CertError } from "./cert-error.js";
import {
  createCertificateAuthority,
  createServingCertificate,
  type PemPair,
} from "./generate-certificates.js";

/** File names in a certificate directory (those of a Kubernetes TLS secret, plus the CA). */
export const CERT_FILES = { cert: "tls.crt", key: "tls.key", ca: "ca.crt" } as const;

/** The serving certificate in use. */
export interface ServingCertificates extends PemPair {
  /** The CA bundle clients should trust (ca.crt), when the directory has one. */
  readonly ca: string | undefined;
  /** True when the files were created now. */
  readonly generated: boolean;
  readonly dir: string;
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e: unknown) {
    throw new CertError("cert_unreadable", `${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Checks that a certificate and key parse and belong together; throws {@link CertError} naming the files. */
export function validatePair(pair: PemPair, where: string): void {
  try {
    new X509Certificate(pair.cert);
  } catch (e: unknown) {
    throw new CertError("cert_invalid", `${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    createSecureContext({ cert: pair.cert, key: pair.key });
  } catch (e: unknown) {
    throw new CertError("cert_key_mismatch", `${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Reads tls.crt and tls.key (and ca.crt if present) from a directory, validated. */
export function readCertificates(dir: string): ServingCertificates {
  const certPath = join(dir, CERT_FILES.cert);
  const keyPath = join(dir, CERT_FILES.key);
  const caPath = join(dir, CERT_FILES.ca);
  const pair = { cert: readText(certPath), key: readText(keyPath) };
  validatePair(pair, `${certPath}, ${keyPath}`);
  return { ...pair, ca: existsSync(caPath) ? readText(caPath) : undefined, generated: false, dir };
}

/**
 * `--cert-dir`: uses tls.crt/tls.key when the directory holds them; otherwise creates a CA and a
 * serving certificate (SANs localhost, 127.0.0.1, ::1 and `dnsNames`) and writes ca.crt, tls.crt
 * and tls.key there (the key readable by the owner only). Throws {@link CertError}.
 */
export function ensureCertificates(dir: string, dnsNames: readonly string[] = []): ServingCertificates {
  const certPath = join(dir, CERT_FILES.cert);
  const keyPath = join(dir, CERT_FILES.key);
  const hasCert = existsSync(certPath);
  const hasKey = existsSync(keyPath);
  if (hasCert && hasKey) return readCertificates(dir);
  if (hasCert !== hasKey) {
    throw new CertError(
      "cert_incomplete",
      `${dir}: holds ${hasCert ? CERT_FILES.cert : CERT_FILES.key} without ${hasCert ? CERT_FILES.key : CERT_FILES.cert}`,
    );
  }
  const ca = createCertificateAuthority();
  const serving = createServingCertificate(ca, dnsNames);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, CERT_FILES.ca), ca.cert, { mode: 0o644 });
    writeFileSync(certPath, serving.cert, { mode: 0o644 });
    writeFileSync(keyPath, serving.key, { mode: 0o600 });
  } catch (e: unknown) {
    throw new CertError("cert_unwritable", `${dir}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { ...serving, ca: ca.cert, generated: true, dir };
}

/**
 * Reads the CA bundle callers' certificates must chain to (`--client-ca-name`: a file in the
 * certificate directory, read once at start as controller-runtime does). Throws
 * {@link CertError} naming the file when it is missing or holds no certificate.
 */
export function readClientCa(dir: string, name: string): string {
  const path = join(dir, name);
  const pem = readText(path);
  try {
    new X509Certificate(pem);
  } catch (e: unknown) {
    throw new CertError("cert_invalid", `${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return pem;
}
