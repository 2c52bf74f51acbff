/**
 * End to end: `portcullis serve --client-ca-name` answers only callers presenting a client
 * certificate from that CA with the name `--client-cn-name` asks for (Gatekeeper's flags).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCertificates } from "../../packages/portcullis/src/certs/cert-dir.js";
import {
  createCertificateAuthority,
  createClientCertificate,
} from "../../packages/portcullis/src/certs/generate-certificates.js";
import { reviewBody } from "../../packages/portcullis/src/webhook/test-fixtures.js";
import { post, type ServeProcess, startServe } from "./serve-process.js";

const REVIEW = reviewBody(
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default" } },
  { uid: "client-auth-1" },
);

describe("portcullis serve --client-ca-name", () => {
  const clientCa = createCertificateAuthority("api-server-client-ca");
  let work: string;
  let server: ServeProcess;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "portcullis-client-auth-"));
    const certDir = join(work, "certs");
    ensureCertificates(certDir);
    writeFileSync(join(certDir, "clientca.crt"), clientCa.cert);
    server = await startServe(
      ["--client-ca-name", "clientca.crt", "--client-cn-name", "my-apiserver"],
      certDir,
    );
  }, 60000);

  afterAll(async () => {
    await server?.stop();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it("answers the API server's certificate and refuses others, logging why", async () => {
    const headers = { "content-type": "application/json" };
    const ok = await post(
      server,
      "/v1/admit",
      REVIEW,
      headers,
      createClientCertificate(clientCa, "my-apiserver"),
    );
    expect(ok.status).toBe(200);
    expect(ok.json().response).toMatchObject({ uid: "client-auth-1", allowed: true });
    await expect(post(server, "/v1/admit", REVIEW, headers)).rejects.toThrow();
    const wrongName = createClientCertificate(clientCa, "kube-apiserver");
    await expect(post(server, "/v1/admit", REVIEW, headers, wrongName)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 100));
    expect(server.stderr()).toContain("x509: subject with cn=kube-apiserver do not identify as my-apiserver");
  });
});
