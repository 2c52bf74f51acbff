import type { ProviderOutcome } from "@portcullis/constraint";
import { describe, expect, it } from "vitest";
import { ExternalDataService } from "./external-data-service.js";
import type { Provider } from "./provider-resource.js";

const provider = (url: string): Provider => ({ name: "p", url, timeoutSeconds: 3, caPem: "" });
const reply: ProviderOutcome = {
  reply: { status: 200, idempotent: true, systemError: "", items: [{ key: "k", value: "v", error: "" }] },
};

describe("the external data service", () => {
  it("gives each policy set one backend, sharing the response cache between sets", () => {
    const service = new ExternalDataService(60_000);
    const first = { providers: new Map([["p", provider("https://a")]]) };
    const backend = service.backendFor(first);
    expect(service.backendFor(first)).toBe(backend);
    expect(backend.hasProvider("p")).toBe(true);
    if ("reply" in reply) backend.remember("p", reply.reply);
    const same = { providers: new Map([["p", provider("https://a")]]) };
    expect(service.backendFor(same).cached("p", "k")).toEqual({ value: "v", error: "" });
  });

  it("forgets a Provider's cached answers when a newer set changes it", () => {
    const service = new ExternalDataService(60_000);
    const backend = service.backendFor({ providers: new Map([["p", provider("https://a")]]) });
    if ("reply" in reply) backend.remember("p", reply.reply);
    const changed = service.backendFor({ providers: new Map([["p", provider("https://b")]]) });
    expect(changed.cached("p", "k")).toBeUndefined();
  });
});
