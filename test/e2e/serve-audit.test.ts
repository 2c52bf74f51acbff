/**
 * End to end: `portcullis serve --objects DIR` on 127.0.0.1 audits the seed scenario's bad Istio
 * Policy (policies and objects read from ../shared at test time), serves the constraint status
 * and the store through its JSON API, and marks the violation resolved once the object is fixed.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../../packages/portcullis/src/cli/test-support.js";
import { type ServeProcess, startServe } from "./serve-process.js";

const REPO = resolve(import.meta.dirname, "../..");
const SEED = resolve(REPO, "../shared/scenarios/seed-istio-mtls");
const MESSAGE = "Policy app-policy-demo.default spec.peers must include [{mtls: {}, mode: STRICT}]";
const UNMATCHED = `apiVersion: v1
kind: ConfigMap
metadata: {name: app-config, namespace: default}
data: {mode: PERMISSIVE}
`;

const work = mkdtempSync(join(tmpdir(), "portcullis-serve-audit-"));
const objects = join(work, "objects");
let server: ServeProcess | undefined;
let apiPort = 0;

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

function fetchText(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    get({ host: "127.0.0.1", port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
      );
    }).on("error", fail);
  });
}

async function api(path: string): Promise<Reply> {
  const { status, text } = await fetchText(apiPort, `/api/v1${path}`);
  return { status, text, body: JSON.parse(text) as Record<string, unknown> };
}

interface ConstraintOut {
  kind: string;
  metadata: { name: string };
  status: { auditTimestamp: string; totalViolations: number; violations?: Record<string, unknown>[] };
}

async function strictConstraint(): Promise<ConstraintOut | undefined> {
  const list = (await api("/constraints")).body.constraints as ConstraintOut[];
  return list.find((c) => c.kind === "PolicyStrictOnly" && c.metadata.name === "policy-strict-constraint");
}

async function auditCount(): Promise<number> {
  return ((await api("/audits")).body.audits as unknown[]).length;
}

beforeAll(async () => {
  const policies = join(work, "policies");
  mkdirSync(policies);
  mkdirSync(objects);
  for (const f of ["template.yaml", "constraint.yaml"])
    writeFileSync(join(policies, f), readFileSync(join(SEED, f), "utf8"));
  writeFileSync(join(objects, "app-policy.yaml"), readFileSync(join(SEED, "bad-app-policy.yaml"), "utf8"));
  writeFileSync(join(objects, "unmatched.yaml"), UNMATCHED);
  server = await startServe(
    ["--policies", policies, "--objects", objects, "--data-dir", join(work, "data"), "--audit-workers", "1"],
    join(work, "certs"),
  );
  apiPort = server.apiPort ?? 0;
}, 30000);

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe("serve with audit", () => {
  it("audits the bad Policy and serves the constraint's status as Gatekeeper writes it", async () => {
    await expect.poll(auditCount, { timeout: 15000, interval: 100 }).toBeGreaterThan(0);
    const c = await strictConstraint();
    expect(c?.status.auditTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Object.keys(c?.status ?? {})).toEqual(["auditTimestamp", "totalViolations", "violations"]);
    expect(c?.status.totalViolations).toBe(1);
    expect(c?.status.violations).toEqual([
      {
        enforcementAction: "deny",
        group: "authentication.istio.io",
        kind: "Policy",
        message: MESSAGE,
        name: "app-policy-demo",
        namespace: "default",
        version: "v1alpha1",
      },
    ]);
    const one = await api("/constraints/PolicyStrictOnly/policy-strict-constraint");
    expect(one.body).toEqual(c);
    expect(server?.stderr()).toContain('"event_type":"violation_audited"');
  });

  it("lists the violation from the store and rejects a bad query", async () => {
    const page = await api(
      "/violations?constraint=PolicyStrictOnly/policy-strict-constraint&namespace=default",
    );
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(1);
    expect((page.body.violations as Record<string, unknown>[])[0]).toMatchObject({
      constraint: { kind: "PolicyStrictOnly", name: "policy-strict-constraint" },
      object: {
        group: "authentication.istio.io",
        kind: "Policy",
        namespace: "default",
        name: "app-policy-demo",
      },
      message: MESSAGE,
      enforcementAction: "deny",
      resolvedAt: null,
    });
    const bad = await api("/violations?since=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: { code: "bad_query", message: "since: not a time: yesterday" } });
    const metrics = await fetchText(server?.metricsPort ?? 0, "/metrics");
    expect(metrics.text).toContain('gatekeeper_violations{enforcement_action="deny"} 1');
  });

  it("re-audits when the object is fixed and marks the violation resolved", async () => {
    const before = await auditCount();
    writeFileSync(join(objects, "app-policy.yaml"), readFileSync(join(SEED, "good-app-policy.yaml"), "utf8"));
    await expect.poll(auditCount, { timeout: 10000, interval: 100 }).toBeGreaterThan(before);
    await expect
      .poll(async () => (await strictConstraint())?.status, { timeout: 10000, interval: 100 })
      .toEqual({ auditTimestamp: expect.any(String), totalViolations: 0 });
    expect((await api("/violations")).body.total).toBe(0);
    const resolved = await api("/violations?state=resolved&kind=Policy");
    expect(resolved.body.total).toBe(1);
    expect((resolved.body.violations as { resolvedAt: string }[])[0]?.resolvedAt).toMatch(/Z$/);
    const audits = (await api("/audits")).body.audits as { resolvedViolations: number }[];
    expect(audits.some((a) => a.resolvedViolations === 1)).toBe(true);
  });
});

describe("serve with audit, after a policy reload", () => {
  it("re-audits against the policies now in force", async () => {
    const before = await auditCount();
    rmSync(join(work, "policies", "constraint.yaml"));
    await expect.poll(auditCount, { timeout: 10000, interval: 100 }).toBeGreaterThan(before);
    await expect.poll(strictConstraint, { timeout: 10000, interval: 100 }).toBeUndefined();
    expect((await api("/constraints/PolicyStrictOnly/policy-strict-constraint")).status).toBe(404);
  });
});

describe("serve's audit flags", () => {
  it("rejects bad values and a missing objects folder with a clear message", async () => {
    const bad = await cli(work, "serve", "--objects", objects, "--audit-interval", "soon");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('portcullis serve: --audit-interval must be an integer ≥ 0, got "soon"\n');
    const missing = await cli(
      work,
      "serve",
      ...["--host", "127.0.0.1", "--port", "0", "--health-port", "0", "--metrics-port", "0"],
      ...["--api-port", "0", "--log-level", "silent", "--no-watch", "--cert-dir", join(work, "certs2")],
      ...["--policies", join(work, "policies"), "--objects", join(work, "nowhere")],
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(join(work, "nowhere"));
  });
});
