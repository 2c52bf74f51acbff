import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { PolicyDocument } from "../policies/read-policy-files.js";
import { BAD_NAME_REGO, constraint, pod, requestFor, template } from "../webhook/test-fixtures.js";
import { AdmissionPool, AdmissionWorkerError } from "./admission-pool.js";

const CRASHING = fileURLToPath(new URL("./admission-worker.crash-fixture.ts", import.meta.url));

const documents: PolicyDocument[] = [
  { file: "t.yaml", index: 1, object: template("BadName", BAD_NAME_REGO) },
  { file: "c.yaml", index: 1, object: constraint("BadName", "bad-name") },
];
const settings = { ownUsername: "system:serviceaccount:gatekeeper-system:gatekeeper-admin", logDenies: true };

const work = (name: string) => ({
  body: JSON.stringify({
    apiVersion: "admission.k8s.io/v1",
    kind: "AdmissionReview",
    request: requestFor(pod(name)),
  }),
  deadline: Date.now() + 10_000,
});

let pool: AdmissionPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe("AdmissionPool", () => {
  it("decides batches in worker threads with the policies it was sent", async () => {
    pool = await AdmissionPool.start({ size: 2 });
    await pool.setPolicies(documents, settings);
    const batch = await pool.decide([work("bad"), work("good")]);
    expect(batch.decided.map((d) => [d.status, d.verdict.status.code])).toEqual([
      ["deny", 403],
      ["allow", 200],
    ]);
    expect(batch.decided[0]?.logs.some((l) => l.fields.constraint_name === "bad-name")).toBe(true);
  }, 60_000);

  it("fails the batch of a worker that dies, and replaces the worker with the policies in force", async () => {
    pool = await AdmissionPool.start({ size: 1, entry: CRASHING });
    await pool.setPolicies(documents, settings);
    await expect(pool.decide([work("CRASH")])).rejects.toThrow(AdmissionWorkerError);
    expect(pool.running).toBe(0);
    await expect(pool.decide([work("bad")])).rejects.toThrow("none is running");
    for (let i = 0; i < 300 && pool.running === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(pool.running).toBe(1);
    const batch = await pool.decide([work("bad")]);
    expect(batch.decided[0]?.verdict.status.message).toBe("[bad-name] name bad is bad");
  }, 60_000);
});
