import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureCertificates } from "./cert-dir.js";
import { CertError } from "./cert-error.js";

const dir = mkdtempSync(join(tmpdir(), "portcullis-certs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cert dir", () => {
  it("creates a CA and a serving certificate with local and extra SANs, then reuses them", () => {
    const created = ensureCertificates(join(dir, "a"), ["webhook.example.com"]);
    expect(created.generated).toBe(true);
    const cert = new X509Certificate(created.cert);
    const ca = new X509Certificate(created.ca ?? "");
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.subjectAltName).toContain("DNS:localhost");
    expect(cert.subjectAltName).toContain("DNS:webhook.example.com");
    expect(cert.subjectAltName).toContain("IP Address:127.0.0.1");
    expect(cert.subjectAltName).toMatch(/IP Address:(0:0:0:0:0:0:0:1|::1)/);
    expect(ca.ca).toBe(true);
    // Server and client: it is also what external data providers are shown (mTLS).
    expect(cert.keyUsage).toEqual(expect.arrayContaining(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]));
    expect(statSync(join(dir, "a", "tls.key")).mode & 0o077).toBe(0);
    const reused = ensureCertificates(join(dir, "a"));
    expect(reused.generated).toBe(false);
    expect(reused.cert).toBe(created.cert);
    expect(reused.ca).toBe(readFileSync(join(dir, "a", "ca.crt"), "utf8"));
  });

  it("refuses a half-filled or broken directory with a clear error", () => {
    const half = join(dir, "half");
    ensureCertificates(half);
    rmSync(join(half, "tls.key"));
    expect(() => ensureCertificates(half)).toThrow(/tls\.crt without tls\.key/);
    writeFileSync(join(half, "tls.key"), "not a key");
    try {
      ensureCertificates(half);
      expect.unreachable();
    } catch (e: unknown) {
      expect(e).toBeInstanceOf(CertError);
      expect((e as CertError).code).toBe("cert_key_mismatch");
    }
  });
});
