import { describe, expect, it } from "vitest";
import { type AdmissionVerdict, allowed } from "./admission-response.js";
import { decideReceived, type ReceivedAnswer, type ReceivedCall, replyIdentity } from "./received-batch.js";
import { WebhookError } from "./webhook-error.js";
import type { AdmissionCall } from "./webhook-server.js";

const deadline = Date.now() + 10_000;

function received(version: string, uid: string): ReceivedCall {
  const body = JSON.stringify({
    apiVersion: `admission.k8s.io/${version}`,
    kind: "AdmissionReview",
    request: { uid, operation: "CREATE", object: {} },
  });
  return { body, deadline };
}

const byUid = (calls: readonly AdmissionCall[]): AdmissionVerdict[] =>
  calls.map((c) => allowed(`seen ${c.request.uid}`));

async function answers(
  decider: ReturnType<typeof decideReceived>,
  calls: ReceivedCall[],
): Promise<readonly ReceivedAnswer[]> {
  return await decider(calls);
}

describe("decideReceived", () => {
  it("parses each body when the batch runs and answers it in the version asked, uid echoed", async () => {
    const seen: string[][] = [];
    const decider = decideReceived((calls) => {
      seen.push(calls.map((c) => c.request.uid));
      return byUid(calls);
    });
    const out = await answers(decider, [received("v1", "a"), received("v1beta1", "b")]);
    expect(seen).toEqual([["a", "b"]]);
    expect(out).toEqual([
      { version: "v1", uid: "a", verdict: allowed("seen a") },
      { version: "v1beta1", uid: "b", verdict: allowed("seen b") },
    ]);
  });

  it("answers a malformed body with its error and decides the others", async () => {
    const decider = decideReceived(byUid);
    const noUid = {
      body: JSON.stringify({ apiVersion: "admission.k8s.io/v1beta1", kind: "AdmissionReview", request: {} }),
      deadline,
    };
    const out = await answers(decider, [{ body: "{not json", deadline }, noUid, received("v1", "ok")]);
    const [garbage, missing, good] = out;
    expect(garbage).toMatchObject({ version: "v1", uid: "" });
    expect(garbage && "error" in garbage && garbage.error).toBeInstanceOf(WebhookError);
    expect(missing).toMatchObject({ version: "v1beta1", uid: "" });
    expect(missing && "error" in missing && missing.error.message).toMatch(/has no uid/);
    expect(good).toEqual({ version: "v1", uid: "ok", verdict: allowed("seen ok") });
  });

  it("answers every call of a batch whose endpoint throws, rejects or answers too few with that error", async () => {
    const thrown = await answers(
      decideReceived(() => {
        throw new Error("boom");
      }),
      [received("v1", "a")],
    );
    expect(thrown).toEqual([{ version: "v1", uid: "a", error: new Error("boom") }]);
    const rejected = await answers(
      decideReceived(() => Promise.reject(new Error("worker died"))),
      [received("v1", "a"), received("v1beta1", "b")],
    );
    expect(rejected.map((a) => ("error" in a ? a.error.message : ""))).toEqual([
      "worker died",
      "worker died",
    ]);
    const short = await answers(
      decideReceived((calls) => byUid(calls).slice(0, 1)),
      [received("v1", "a"), received("v1", "b")],
    );
    expect(short[0]).toEqual({ version: "v1", uid: "a", verdict: allowed("seen a") });
    expect(short[1] && "error" in short[1] && short[1].error.message).toBe(
      "the decider answered 1 of 2 calls",
    );
  });

  it("decides through an endpoint that answers later", async () => {
    const out = await answers(
      decideReceived((calls) => Promise.resolve(byUid(calls))),
      [received("v1", "x")],
    );
    expect(out).toEqual([{ version: "v1", uid: "x", verdict: allowed("seen x") }]);
  });
});

describe("replyIdentity", () => {
  it("reads the version and uid of a body, and falls back to v1 and no uid", () => {
    expect(replyIdentity(received("v1beta1", "u").body)).toEqual({ version: "v1beta1", uid: "u" });
    expect(replyIdentity("{broken")).toEqual({ version: "v1", uid: "" });
    expect(replyIdentity(JSON.stringify({ apiVersion: "v9" }))).toEqual({ version: "v1", uid: "" });
  });
});
