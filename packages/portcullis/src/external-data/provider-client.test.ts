import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server, type ServerOptions } from "node:https";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createCertificateAuthority,
  createClientCertificate,
  createServingCertificate,
} from "../certs/generate-certificates.js";
import {
  closeProviderAgent,
  closeProviderAgents,
  MAX_RESPONSE_BYTES,
  providerRequestBody,
  sendToProvider,
} from "./provider-client.js";
import type { Provider } from "./provider-resource.js";

const ca = createCertificateAuthority("provider-ca");
const otherCa = createCertificateAuthority("other-ca");
const serving = createServingCertificate(ca);
const client = createClientCertificate(ca, "portcullis");

const GOOD = JSON.stringify({
  apiVersion: "externaldata.gatekeeper.sh/v1beta1",
  kind: "ProviderResponse",
  response: {
    idempotent: true,
    items: [
      { key: "a", value: "A" },
      { key: "b", error: "no b" },
    ],
    systemError: "",
  },
});

interface Received {
  readonly url: string | undefined;
  readonly method: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const received: Received[] = [];
let connections = 0;

function route(req: IncomingMessage, res: ServerResponse, body: string): void {
  received.push({ url: req.url, method: req.method, headers: req.headers, body });
  switch (req.url) {
    case "/good":
      res.end(GOOD);
      return;
    case "/not-found":
      res.writeHead(404).end('{"response":{"systemError":"gone"}}');
      return;
    case "/not-json":
      res.end("<html>oops</html>");
      return;
    case "/bad-shape":
      res.end('{"response":{"items":"a"}}');
      return;
    case "/truncated":
      res.writeHead(200, { "Content-Length": "100" });
      res.write("{");
      setTimeout(() => res.destroy(), 20);
      return;
    case "/huge":
      res.end(Buffer.alloc(MAX_RESPONSE_BYTES + 1, " "));
      return;
    case "/slow":
      return;
  }
}

async function listen(options: ServerOptions): Promise<{ server: Server; base: string }> {
  const server = createServer({ key: serving.key, cert: serving.cert, ...options }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => route(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  server.on("secureConnection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no port");
  return { server, base: `https://127.0.0.1:${address.port}` };
}

let plain: { server: Server; base: string };
let mutual: { server: Server; base: string };

beforeAll(async () => {
  plain = await listen({});
  mutual = await listen({ requestCert: true, rejectUnauthorized: true, ca: ca.cert });
});

afterEach(() => {
  closeProviderAgents();
  received.length = 0;
});

afterAll(async () => {
  for (const { server } of [plain, mutual]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function provider(url: string, overrides: Partial<Provider> = {}): Provider {
  return { name: "test", url, timeoutSeconds: 3, caPem: ca.cert, ...overrides };
}

describe("sendToProvider", () => {
  it("posts the keys as Gatekeeper does and reads the reply", async () => {
    const outcome = await sendToProvider(provider(`${plain.base}/good`), ["a", "b"], {});
    expect(received).toEqual([
      expect.objectContaining({
        url: "/good",
        method: "POST",
        body: '{"apiVersion":"externaldata.gatekeeper.sh/v1beta1","kind":"ProviderRequest","request":{"keys":["a","b"]}}',
      }),
    ]);
    expect(received[0]?.headers["content-type"]).toBe("application/json");
    expect(outcome).toEqual({
      reply: {
        status: 200,
        idempotent: true,
        items: [
          { key: "a", value: "A", error: "" },
          { key: "b", value: null, error: "no b" },
        ],
        systemError: "",
      },
    });
  });

  it("keeps the connection to a provider alive until the Provider changes", async () => {
    const before = connections;
    await sendToProvider(provider(`${plain.base}/good`), ["a"], {});
    await sendToProvider(provider(`${plain.base}/good`), ["b"], {});
    expect(connections - before).toBe(1);
    await sendToProvider(provider(`${plain.base}/good?v=2`), ["c"], {});
    expect(connections - before).toBe(2);
    closeProviderAgent("test");
    await sendToProvider(provider(`${plain.base}/good?v=2`), ["d"], {});
    expect(connections - before).toBe(3);
  });

  it("passes any HTTP status through", async () => {
    expect(await sendToProvider(provider(`${plain.base}/not-found`), ["a"], {})).toEqual({
      reply: { status: 404, idempotent: false, items: [], systemError: "gone" },
    });
  });

  it("fails on a body that is not JSON or of the wrong shape", async () => {
    const notJson = await sendToProvider(provider(`${plain.base}/not-json`), ["a"], {});
    expect(notJson).toEqual({
      failure: {
        status: 500,
        message: expect.stringMatching(/^failed to unmarshal external data response: ./),
      },
    });
    expect(await sendToProvider(provider(`${plain.base}/bad-shape`), ["a"], {})).toEqual({
      failure: {
        status: 500,
        message:
          "failed to unmarshal external data response: json: cannot unmarshal string into Go struct field Response.response.items of type []externaldata.Item",
      },
    });
  });

  it("fails when the body cannot be read in full", async () => {
    expect(await sendToProvider(provider(`${plain.base}/truncated`), ["a"], {})).toEqual({
      failure: { status: 500, message: expect.stringMatching(/^failed to read external data response: ./) },
    });
    expect(await sendToProvider(provider(`${plain.base}/huge`), ["a"], {})).toEqual({
      failure: {
        status: 500,
        message: `failed to read external data response: response body larger than ${MAX_RESPONSE_BYTES} bytes`,
      },
    });
  });

  it("gives up at the deadline when the provider is slow", async () => {
    const url = `${plain.base}/slow`;
    const started = Date.now();
    const outcome = await sendToProvider(provider(url), ["a"], { deadline: started + 300 });
    expect(outcome).toEqual({
      failure: {
        status: 500,
        message: `failed to send external data request: Post "${url}": context deadline exceeded`,
      },
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await sendToProvider(provider(url), ["a"], { deadline: started - 1 })).toEqual(outcome);
  });

  it("gives a Provider whose timeout is 0 no time at all, as Gatekeeper does", async () => {
    const url = `${plain.base}/ok`;
    expect(await sendToProvider(provider(url, { timeoutSeconds: 0 }), ["a"], {})).toEqual({
      failure: {
        status: 500,
        message: `failed to send external data request: Post "${url}": context deadline exceeded`,
      },
    });
  });

  it("fails when the server's certificate is not from the Provider's CA", async () => {
    const url = `${plain.base}/good`;
    const outcome = await sendToProvider(provider(url, { caPem: otherCa.cert }), ["a"], {});
    expect(outcome).toEqual({
      failure: {
        status: 500,
        message: expect.stringContaining(`failed to send external data request: Post "${url}": `),
      },
    });
    expect(received).toEqual([]);
  });

  it("fails when nothing listens", async () => {
    const url = "https://127.0.0.1:1/good";
    expect(await sendToProvider(provider(url), ["a"], {})).toEqual({
      failure: {
        status: 500,
        message: expect.stringContaining(`failed to send external data request: Post "${url}": `),
      },
    });
  });

  it("presents the client certificate to a provider that requires one", async () => {
    const url = `${mutual.base}/good`;
    const withCert = await sendToProvider(provider(url), ["a"], { clientCertificate: client });
    expect(withCert).toHaveProperty("reply.status", 200);
    const without = await sendToProvider(provider(url), ["a"], {});
    expect(without).toEqual({
      failure: {
        status: 500,
        message: `failed to send external data request: Post "${url}": tlsv13 alert certificate required`,
      },
    });
    expect(received).toHaveLength(1);
  });
});

describe("providerRequestBody", () => {
  it("escapes as Go's json.Marshal does and omits empty keys", () => {
    expect(providerRequestBody(["<a&b>"])).toBe(
      '{"apiVersion":"externaldata.gatekeeper.sh/v1beta1","kind":"ProviderRequest","request":{"keys":["\\u003ca\\u0026b\\u003e"]}}',
    );
    expect(providerRequestBody([])).toBe(
      '{"apiVersion":"externaldata.gatekeeper.sh/v1beta1","kind":"ProviderRequest","request":{}}',
    );
  });
});
