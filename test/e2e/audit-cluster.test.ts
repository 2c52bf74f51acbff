import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cli } from "../../packages/portcullis/src/cli/test-support.js";
import {
  type FakeApiServer,
  startFakeApiServer,
} from "../../packages/portcullis/src/kube/test-api-server.js";
import { startServe } from "./serve-process.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const seed = resolve(repo, "../shared/scenarios/seed-istio-mtls");
const work = mkdtempSync(join(tmpdir(), "portcullis-audit-cluster-"));
const policies = join(work, "policies");

/** An object as the API server lists it: without apiVersion and kind. */
function listed(file: string): Record<string, unknown> {
  const {
    apiVersion: _v,
    kind: _k,
    ...rest
  } = parse(readFileSync(join(seed, file), "utf8")) as Record<string, unknown>;
  return rest;
}

let api: FakeApiServer;
beforeAll(async () => {
  mkdirSync(policies, { recursive: true });
  copyFileSync(join(seed, "template.yaml"), join(policies, "template.yaml"));
  copyFileSync(join(seed, "constraint.yaml"), join(policies, "constraint.yaml"));
  api = await startFakeApiServer([
    {
      group: "",
      version: "v1",
      kind: "Namespace",
      resource: "namespaces",
      namespaced: false,
      objects: [{ metadata: { name: "default" } }],
    },
    {
      group: "",
      version: "v1",
      kind: "ConfigMap",
      resource: "configmaps",
      namespaced: true,
      objects: [{ metadata: { name: "settings", namespace: "default" }, data: { mode: "PERMISSIVE" } }],
    },
    {
      group: "authentication.istio.io",
      version: "v1alpha1",
      kind: "Policy",
      resource: "policies",
      namespaced: true,
      objects: [
        listed("bad-app-policy.yaml"),
        { ...listed("good-app-policy.yaml"), metadata: { name: "strict", namespace: "default" } },
      ],
    },
  ]);
});
afterAll(async () => {
  await api.close();
  rmSync(work, { recursive: true, force: true });
});

describe("portcullis audit --cluster", () => {
  it("audits what a cluster holds: the seed's bad Policy is the one violation", async () => {
    const run = await cli(
      repo,
      "audit",
      "--policies",
      policies,
      "--cluster",
      "--kubeconfig",
      api.kubeconfig,
      "--audit-chunk-size",
      "1",
      "-o",
      "json",
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const status = JSON.parse(run.stdout).constraints[0].status;
    expect(status.totalViolations).toBe(1);
    expect(status.violations[0]).toMatchObject({
      kind: "Policy",
      name: "app-policy-demo",
      namespace: "default",
      message: "Policy app-policy-demo.default spec.peers must include [{mtls: {}, mode: STRICT}]",
    });
    // Listed one object at a time, following the server's continue token.
    expect(api.requests).toContain("/apis/authentication.istio.io/v1alpha1/policies?limit=1&continue=1");
  });

  it("lists only the kinds the constraints name with --audit-match-kind-only, and Namespaces", async () => {
    const listed = (): string[] =>
      api.requests.filter((r) => r.includes("?limit=")).map((r) => r.split("?")[0] ?? "");
    api.requests.length = 0;
    const all = await cli(repo, "audit", "--policies", policies, "--cluster", "--kubeconfig", api.kubeconfig);
    expect(all.code).toBe(1);
    expect(listed()).toContain("/api/v1/configmaps");
    api.requests.length = 0;
    const narrowed = await cli(
      repo,
      "audit",
      "--policies",
      policies,
      "--cluster",
      "--kubeconfig",
      api.kubeconfig,
      "--audit-match-kind-only",
    );
    expect(narrowed.code).toBe(1);
    // Namespaces are listed for namespaceSelector, then audited like any kind.
    expect([...new Set(listed())]).toEqual([
      "/api/v1/namespaces",
      "/apis/authentication.istio.io/v1alpha1/policies",
    ]);
  });

  it("says what is wrong with the source and exits 2", async () => {
    const both = await cli(repo, "audit", "--policies", policies, "--cluster", "--objects", policies);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe(
      "portcullis audit: give either --objects, or --cluster (--kubeconfig, --context) to audit a cluster\n",
    );
    const context = await cli(
      repo,
      "audit",
      "--policies",
      policies,
      "--kubeconfig",
      api.kubeconfig,
      "--context",
      "x",
    );
    expect(context.code).toBe(2);
    expect(context.stderr).toMatch(/^portcullis audit: .*context.*x/);
  });
});

describe("portcullis serve --audit-cluster", () => {
  it("audits the cluster beside the webhook and serves the violation from its store", async () => {
    const server = await startServe(
      [
        "--policies",
        policies,
        "--audit-cluster",
        "--kubeconfig",
        api.kubeconfig,
        "--data-dir",
        join(work, "data"),
      ],
      join(work, "certs"),
    );
    try {
      let total = 0;
      for (let i = 0; i < 100 && total === 0; i++) {
        const answer = await fetch(`http://127.0.0.1:${server.apiPort}/api/v1/violations?kind=Policy`);
        total = ((await answer.json()) as { total: number }).total;
        if (total === 0) await new Promise((r) => setTimeout(r, 100));
      }
      expect(total).toBe(1);
      expect(server.stderr()).toContain('"msg":"audit recorded"');
    } finally {
      await server.stop();
    }
  });
});
