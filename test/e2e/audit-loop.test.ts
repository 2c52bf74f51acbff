import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JsonObject } from "@portcullis/constraint";
import { afterAll, describe, expect, it } from "vitest";
import {
  type AuditResult,
  constraintStatus,
  constraintStatuses,
  loadPolicySet,
  MemorySource,
  newClient,
  queryViolations,
  startAuditLoop,
  violationQueryFromParams,
} from "../../packages/portcullis/src/audit/index.js";
import { StoreError, ViolationStore } from "../../packages/portcullis/src/store/index.js";

const root = mkdtempSync(join(tmpdir(), "portcullis-audit-loop-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const POLICIES = {
  templates: [
    {
      file: undefined,
      doc: {
        apiVersion: "templates.gatekeeper.sh/v1",
        kind: "ConstraintTemplate",
        metadata: { name: "k8snolatest" },
        spec: {
          crd: { spec: { names: { kind: "K8sNoLatest" } } },
          targets: [
            {
              target: "admission.k8s.gatekeeper.sh",
              rego: `package k8snolatest
violation[{"msg": msg}] {
  c := input.review.object.spec.containers[_]
  endswith(c.image, ":latest")
  msg := sprintf("container <%v> uses a latest tag", [c.name])
}`,
            },
          ],
        },
      },
    },
  ],
  constraints: [
    {
      file: undefined,
      doc: {
        apiVersion: "constraints.gatekeeper.sh/v1beta1",
        kind: "K8sNoLatest",
        metadata: { name: "no-latest" },
        spec: { enforcementAction: "dryrun", match: { kinds: [{ apiGroups: [""], kinds: ["Pod"] }] } },
      },
    },
  ],
};

const pod = (name: string, image: string): JsonObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: { containers: [{ name: "app", image }] },
});

describe("startAuditLoop and the query API", () => {
  it("runs audits, records them, and serves statuses and violations", async () => {
    const store = ViolationStore.open(join(root, "data"));
    const source = new MemorySource([pod("a", "nginx:latest"), pod("b", "nginx:1.27")]);
    const seen: AuditResult[] = [];
    const loop = startAuditLoop({
      client: loadPolicySet(newClient(), POLICIES),
      source,
      store,
      interval: 1,
      immediate: true,
      onAudit: (r) => seen.push(r),
    });
    try {
      await expect.poll(() => seen.length, { timeout: 5000 }).toBeGreaterThan(0);
      expect(constraintStatus(loop.latest(), store, "K8sNoLatest", "no-latest")?.status).toMatchObject({
        totalViolations: 1,
        violations: [
          {
            enforcementAction: "dryrun",
            kind: "Pod",
            name: "a",
            message: "container <app> uses a latest tag",
          },
        ],
      });
      source.replace([pod("a", "nginx:1.27"), pod("b", "nginx:latest")]);
      const next = await loop.runNow();
      expect(next.violations.map((v) => v.object.name)).toEqual(["b"]);
      const page = queryViolations(
        store,
        violationQueryFromParams(new URLSearchParams("state=all&action=dryrun")),
      );
      expect(page.violations.map((v) => [v.object.name, v.resolvedAt === null])).toEqual([
        ["a", false],
        ["b", true],
      ]);
    } finally {
      await loop.stop();
    }
    // After a restart, the statuses come from the store's last audit.
    expect(constraintStatuses(undefined, store)[0]?.status.totalViolations).toBe(1);
    expect(() => violationQueryFromParams(new URLSearchParams("limit=x"))).toThrow(StoreError);
    expect(() => violationQueryFromParams(new URLSearchParams("since=yesterday"))).toThrow(StoreError);
    store.close();
  });
});
