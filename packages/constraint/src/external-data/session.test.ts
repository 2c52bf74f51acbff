import { describe, expect, it } from "vitest";
import type { ProviderOutcome, ProviderReply } from "./provider-reply.js";
import {
  type CachedItem,
  type ExternalDataBackend,
  ExternalDataSession,
  MAX_EXTERNAL_DATA_ROUNDS,
  settleExternalData,
  UNSETTLED_MESSAGE,
} from "./session.js";

/** A backend with one provider `p` that upper-cases keys, and a cache the test can fill. */
function fakeBackend(reply: (keys: readonly string[]) => ProviderOutcome = upperCase) {
  const cache = new Map<string, CachedItem>();
  const sent: string[][] = [];
  const backend: ExternalDataBackend = {
    hasProvider: (name) => name === "p",
    cached: (_provider, key) => cache.get(key),
    remember: (_provider, r: ProviderReply) => {
      for (const item of r.items)
        if (typeof item.key === "string") cache.set(item.key, { value: item.value, error: item.error });
    },
    send: async (_provider, keys) => {
      sent.push([...keys]);
      return reply(keys);
    },
  };
  return { backend, cache, sent };
}

function upperCase(keys: readonly string[]): ProviderOutcome {
  return {
    reply: {
      status: 200,
      idempotent: true,
      systemError: "",
      items: keys.map((key) =>
        key === "bad"
          ? { key, value: null, error: "no such image" }
          : { key, value: key.toUpperCase(), error: "" },
      ),
    },
  };
}

describe("an external data session", () => {
  it("answers an unknown provider at once with Gatekeeper's not-found error", () => {
    const session = new ExternalDataSession(fakeBackend().backend);
    expect(session.answer("nope", ["a"])).toEqual({
      responses: null,
      errors: null,
      status_code: 400,
      system_error: "key is not found in provider cache",
    });
    expect(session.waiting).toBe(false);
  });

  it("leaves a call undefined until its keys are sent, then answers it with the reply", async () => {
    const { backend, sent } = fakeBackend();
    const session = new ExternalDataSession(backend);
    expect(session.answer("p", ["a", "bad"])).toBeUndefined();
    expect(session.waiting).toBe(true);
    await session.resolve();
    expect(sent).toEqual([["a", "bad"]]);
    expect(session.waiting).toBe(false);
    expect(session.answer("p", ["a", "bad"])).toEqual({
      responses: [["a", "A"]],
      errors: [["bad", "no such image"]],
      status_code: 200,
      system_error: "",
    });
  });

  it("answers from the response cache with status 0 when every key is there, and sends only the others", async () => {
    const { backend, cache, sent } = fakeBackend();
    cache.set("a", { value: "cached-a", error: "" });
    const session = new ExternalDataSession(backend);
    expect(session.answer("p", ["a"])).toEqual({
      responses: [["a", "cached-a"]],
      errors: [],
      status_code: 0,
      system_error: "",
    });
    expect(session.answer("p", ["a", "b"])).toBeUndefined();
    await session.resolve();
    expect(sent).toEqual([["b"]]);
    expect(session.answer("p", ["a", "b"])).toEqual({
      responses: [
        ["a", "cached-a"],
        ["b", "B"],
      ],
      errors: [],
      status_code: 200,
      system_error: "",
    });
  });

  it("answers a failed request with null lists, its status and message", async () => {
    const { backend } = fakeBackend(() => ({ failure: { status: 500, message: "failed to send" } }));
    const session = new ExternalDataSession(backend);
    session.answer("p", ["a"]);
    await session.resolve();
    expect(session.answer("p", ["a"])).toEqual({
      responses: null,
      errors: null,
      status_code: 500,
      system_error: "failed to send",
    });
  });

  it("sends the same call once however often it is made", async () => {
    const { backend, sent } = fakeBackend();
    const session = new ExternalDataSession(backend);
    session.answer("p", ["a"]);
    session.answer("p", ["a"]);
    await session.resolve();
    expect(sent).toEqual([["a"]]);
  });
});

describe("settleExternalData", () => {
  it("runs a review again once its calls are answered", async () => {
    const { backend } = fakeBackend();
    const session = new ExternalDataSession(backend);
    let runs = 0;
    const outcome = await settleExternalData(session, () => {
      runs++;
      return session.answer("p", ["x"]);
    });
    expect(runs).toBe(2);
    expect(outcome).toMatchObject({ responses: [["x", "X"]] });
  });

  it("answers calls that never settle with an error after the last round", async () => {
    const { backend } = fakeBackend();
    const session = new ExternalDataSession(backend);
    let runs = 0;
    const outcome = await settleExternalData(session, () => session.answer("p", [`k${runs++}`]));
    expect(runs).toBe(MAX_EXTERNAL_DATA_ROUNDS + 2);
    expect(outcome).toEqual({
      responses: null,
      errors: null,
      status_code: 500,
      system_error: UNSETTLED_MESSAGE,
    });
  });
});
