import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCertificateAuthority,
  createClientCertificate,
  createServingCertificate,
  type PemPair,
} from "../certs/generate-certificates.js";
import { allowed } from "./admission-response.js";
import { clientIdentityProblem, DEFAULT_CLIENT_CN } from "./client-auth.js";
import { pod, reviewBody } from "./test-fixtures.js";
import { WebhookServer } from "./webhook-server.js";

describe("the caller's certificate name", () => {
  it("must be the one asked for, in Gatekeeper's words", () => {
    expect(DEFAULT_CLIENT_CN).toBe("kube-apiserver");
    expect(clientIdentityProblem({}, "kube-apiserver")).toBe("failed to verify CN name of certificate");
    const subject = (CN: string) => ({ subject: { C: "", ST: "", L: "", O: "", OU: "", CN } });
    expect(clientIdentityProblem(subject("kube-apiserver"), "kube-apiserver")).toBeUndefined();
    expect(clientIdentityProblem(subject("mallory"), "kube-apiserver")).toBe(
      "x509: subject with cn=mallory do not identify as kube-apiserver",
    );
  });
});

describe("a webhook that authenticates its callers (--client-ca-name)", () => {
  const serverCa = createCertificateAuthority("server-ca");
  const clientCa = createCertificateAuthority("client-ca");
  const otherCa = createCertificateAuthority("other-ca");
  const serving = createServingCertificate(serverCa);
  const refused: string[] = [];
  const server = new WebhookServer({
    host: "127.0.0.1",
    port: 0,
    cert: serving.cert,
    key: serving.key,
    endpoints: { "/v1/admit": (calls) => calls.map(() => allowed()) },
    clientAuth: { ca: clientCa.cert, commonName: "kube-apiserver" },
    onClientRefused: (reason) => refused.push(reason),
  });
  let port = 0;
  beforeAll(async () => {
    port = await server.listen();
  });
  afterAll(() => server.close());

  const body = reviewBody(pod("p"));

  /** Posts a review with the client certificate given; resolves with the status or the error's code. */
  function post(client: PemPair | undefined): Promise<number | string> {
    return new Promise((resolve) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/v1/admit",
          method: "POST",
          ca: serverCa.cert,
          headers: { "content-type": "application/json" },
          agent: false,
          ...(client !== undefined ? { cert: client.cert, key: client.key } : {}),
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.end(body);
    });
  }

  it("answers a caller whose certificate the CA signed for the name asked", async () => {
    expect(await post(createClientCertificate(clientCa, "kube-apiserver"))).toBe(200);
  });

  it("refuses a caller with another name, with no certificate, or signed by another CA", async () => {
    refused.length = 0;
    expect(await post(createClientCertificate(clientCa, "mallory"))).not.toBe(200);
    expect(refused).toEqual(["x509: subject with cn=mallory do not identify as kube-apiserver"]);
    expect(await post(undefined)).not.toBe(200);
    expect(await post(createClientCertificate(otherCa, "kube-apiserver"))).not.toBe(200);
    expect(refused).toHaveLength(3);
    expect(await post(createClientCertificate(clientCa, "kube-apiserver"))).toBe(200);
  });

  it("keeps asking for client certificates after the serving certificate changes", async () => {
    const next = createServingCertificate(serverCa);
    server.setCertificate(next.cert, next.key);
    expect(await post(undefined)).not.toBe(200);
    expect(await post(createClientCertificate(clientCa, "kube-apiserver"))).toBe(200);
  });
});
