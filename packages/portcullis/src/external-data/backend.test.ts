import { PROVIDER_NOT_FOUND, type ProviderOutcome } from "@portcullis/constraint";
import { describe, expect, it, vi } from "vitest";
import { createExternalDataBackend } from "./backend.js";
import type { ClientCertificate, SendOptions } from "./provider-client.js";
import type { Provider } from "./provider-resource.js";
import { ResponseCache } from "./response-cache.js";

const provider: Provider = { name: "p", url: "https://p.example", timeoutSeconds: 3, caPem: "pem" };
const certificate: ClientCertificate = { cert: "cert", key: "key" };
const outcome: ProviderOutcome = { reply: { status: 200, idempotent: true, items: [], systemError: "" } };

describe("createExternalDataBackend", () => {
  it("fails a call to an unknown provider with 400", async () => {
    const send = vi.fn();
    const backend = createExternalDataBackend({
      providers: new Map(),
      cache: new ResponseCache(1000),
      clientCertificate: () => undefined,
      send,
    });
    expect(backend.hasProvider("p")).toBe(false);
    expect(await backend.send("p", ["a"], undefined)).toEqual({
      failure: { status: 400, message: PROVIDER_NOT_FOUND },
    });
    expect(send).not.toHaveBeenCalled();
  });

  it("sends through the injected function with the current client certificate", async () => {
    const send = vi.fn((_p: Provider, _k: readonly string[], _o: SendOptions) => Promise.resolve(outcome));
    let current: ClientCertificate | undefined;
    const backend = createExternalDataBackend({
      providers: new Map([["p", provider]]),
      cache: new ResponseCache(1000),
      clientCertificate: () => current,
      send,
    });
    expect(backend.hasProvider("p")).toBe(true);
    expect(await backend.send("p", ["a", "b"], 12345)).toBe(outcome);
    expect(send).toHaveBeenLastCalledWith(provider, ["a", "b"], {
      clientCertificate: undefined,
      deadline: 12345,
    });
    current = certificate;
    await backend.send("p", ["c"], undefined);
    expect(send).toHaveBeenLastCalledWith(provider, ["c"], {
      clientCertificate: certificate,
      deadline: undefined,
    });
  });

  it("reads and fills the response cache", () => {
    const backend = createExternalDataBackend({
      providers: new Map([["p", provider]]),
      cache: new ResponseCache(1000),
      clientCertificate: () => undefined,
    });
    expect(backend.cached("p", "a")).toBeUndefined();
    backend.remember("p", {
      status: 200,
      idempotent: true,
      items: [{ key: "a", value: 1, error: "" }],
      systemError: "",
    });
    expect(backend.cached("p", "a")).toEqual({ value: 1, error: "" });
  });
});
