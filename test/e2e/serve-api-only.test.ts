import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServeProcess, startServe } from "./serve-process.js";

const SEED = resolve(import.meta.dirname, "../../../shared/scenarios/seed-istio-mtls");
const work = mkdtempSync(join(tmpdir(), "portcullis-api-only-"));
let server: ServeProcess;

beforeAll(async () => {
  const policies = join(work, "policies");
  mkdirSync(policies);
  for (const f of ["template.yaml", "constraint.yaml"]) copyFileSync(join(SEED, f), join(policies, f));
  server = await startServe(
    ["--policies", policies, "--api-port", "0", "--data-dir", join(work, "data")],
    join(work, "certs"),
  );
}, 60000);
afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe("portcullis serve --api-port without objects to audit", () => {
  it("serves the policies, the dashboard and the review preview, and runs no audit", async () => {
    const base = `http://127.0.0.1:${server.apiPort}`;
    const templates = (await (await fetch(`${base}/api/v1/templates`)).json()) as {
      templates: { kind: string }[];
    };
    expect(templates.templates.map((t) => t.kind)).toEqual(["PolicyStrictOnly"]);
    expect((await fetch(`${base}/`)).status).toBe(200);
    const review = await fetch(`${base}/api/v1/review`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: readFileSync(join(SEED, "bad-app-policy.yaml"), "utf8") }),
    });
    const preview = (await review.json()) as { reviews: { code: number; message: string }[] };
    expect(preview.reviews[0]).toMatchObject({
      code: 403,
      message:
        "[policy-strict-constraint] Policy app-policy-demo.default spec.peers must include [{mtls: {}, mode: STRICT}]",
    });
    await new Promise((r) => setTimeout(r, 300));
    const audits = (await (await fetch(`${base}/api/v1/audits`)).json()) as {
      audits: unknown[];
      running: boolean;
    };
    expect(audits).toEqual({ running: false, audits: [] });
  });
});
