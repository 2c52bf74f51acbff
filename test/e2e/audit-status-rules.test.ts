import type { JsonObject } from "@portcullis/constraint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AuditResult,
  jsonLineLogger,
  loadPolicySet,
  MemorySource,
  newClient,
  runAudit,
  WorkerPool,
} from "../../packages/portcullis/src/audit/index.js";

const template = (kind: string, rego: string): JsonObject => ({
  apiVersion: "templates.gatekeeper.sh/v1",
  kind: "ConstraintTemplate",
  metadata: { name: kind.toLowerCase() },
  spec: {
    crd: {
      spec: {
        names: { kind },
        validation: { openAPIV3Schema: { type: "object", properties: { msg: { type: "string" } } } },
      },
    },
    targets: [{ target: "admission.k8s.gatekeeper.sh", rego }],
  },
});

const POLICIES = {
  templates: [
    template(
      "K8sEveryObject",
      `package k8severyobject
violation[{"msg": msg}] {
  msg := sprintf("%v %v is here", [input.review.object.kind, input.review.object.metadata.name])
}`,
    ),
    template(
      "K8sLongMessage",
      `package k8slongmessage
violation[{"msg": input.parameters.msg}] { true }`,
    ),
  ].map((doc) => ({ doc, file: undefined })),
  constraints: [
    {
      apiVersion: "constraints.gatekeeper.sh/v1beta1",
      kind: "K8sEveryObject",
      metadata: { name: "every-object" },
      spec: { match: { kinds: [{ apiGroups: [""], kinds: ["ConfigMap", "Pod"] }] } },
    },
    {
      apiVersion: "constraints.gatekeeper.sh/v1beta1",
      kind: "K8sLongMessage",
      metadata: { name: "long-message" },
      spec: {
        enforcementAction: "scoped",
        scopedEnforcementActions: [
          { action: "warn", enforcementPoints: [{ name: "validation.gatekeeper.sh" }] },
          { action: "dryrun", enforcementPoints: [{ name: "audit.gatekeeper.sh" }] },
        ],
        match: { kinds: [{ apiGroups: [""], kinds: ["Secret"] }] },
        // 252 ASCII bytes, then "€" (3 bytes) across the 253-byte cut, then more: 300 bytes in all.
        parameters: { msg: `${"m".repeat(252)}€${"z".repeat(45)}` },
      },
    },
  ].map((doc) => ({ doc, file: undefined })),
};

const pad = (i: number): string => String(i).padStart(2, "0");

/** 15 ConfigMaps and 35 Pods in namespaces a and b, listed in a scrambled order. */
function objects(): JsonObject[] {
  const out: JsonObject[] = [];
  for (let i = 0; i < 15; i++)
    out.push({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: `cm-${pad(i)}`, namespace: i % 2 ? "b" : "a" },
    });
  for (let i = 0; i < 35; i++)
    out.push({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `pod-${pad(i)}`, namespace: i % 2 ? "b" : "a" },
    });
  out.push({ apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "a" } });
  // Reverse and interleave, so that neither the first nor the last 20 listed are the 20 kept.
  return out
    .map((o, i) => ({ o, k: (i * 37) % 51 }))
    .sort((x, y) => x.k - y.k)
    .map((x) => x.o);
}

/** The 20 Gatekeeper keeps: the smallest by (group, version, kind, namespace, name, message), largest first. */
const EXPECTED_KEPT: [string, string, string][] = [
  ["Pod", "a", "pod-08"],
  ["Pod", "a", "pod-06"],
  ["Pod", "a", "pod-04"],
  ["Pod", "a", "pod-02"],
  ["Pod", "a", "pod-00"],
  ...[13, 11, 9, 7, 5, 3, 1].map((i): [string, string, string] => ["ConfigMap", "b", `cm-${pad(i)}`]),
  ...[14, 12, 10, 8, 6, 4, 2, 0].map((i): [string, string, string] => ["ConfigMap", "a", `cm-${pad(i)}`]),
];

function checkStatus(result: AuditResult): void {
  const every = result.constraints.find((c) => c.metadata.name === "every-object");
  expect(every?.status.totalViolations).toBe(50);
  expect(every?.status.violations?.map((v) => [v.kind, v.namespace, v.name])).toEqual(EXPECTED_KEPT);
  expect(every?.status.violations?.[0]).toEqual({
    enforcementAction: "deny",
    group: "",
    kind: "Pod",
    message: "Pod pod-08 is here",
    name: "pod-08",
    namespace: "a",
    version: "v1",
  });
  const long = result.constraints.find((c) => c.metadata.name === "long-message");
  expect(long?.status.totalViolations).toBe(1);
  const v = long?.status.violations?.[0];
  expect(v?.message).toBe(`${"m".repeat(252)}\uFFFD...`);
  expect(v?.enforcementAction).toBe("scoped");
  expect(v?.enforcementActions).toEqual(["dryrun"]);
  // The full message stays in the uncapped list.
  const full = result.violations.find((x) => x.constraint.name === "long-message");
  expect(new TextEncoder().encode(full?.message).length).toBe(300);
  expect(result.violations.filter((x) => x.constraint.name === "every-object")).toHaveLength(50);
}

describe("Gatekeeper's status rules", () => {
  let pool: WorkerPool | undefined;
  beforeAll(async () => {
    pool = await WorkerPool.start({ size: 2 });
  });
  afterAll(async () => {
    await pool?.close();
  });

  it("50 violations: totalViolations 50 and exactly the 20 Gatekeeper keeps, in its order; a 300-byte message cut", async () => {
    const client = loadPolicySet(newClient(), POLICIES);
    const lines: string[] = [];
    const result = await runAudit({
      client,
      source: new MemorySource(objects()),
      chunkSize: 7,
      logger: jsonLineLogger((l) => lines.push(l)),
    });
    checkStatus(result);
    const events = lines.map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({
      event_type: "audit_started",
      process: "audit",
      audit_id: result.auditId,
    });
    expect(events.at(-1)).toMatchObject({ event_type: "audit_finished", audit_id: result.auditId });
    expect(events.filter((e) => e.event_type === "violation_audited")).toHaveLength(51);
    expect(events.filter((e) => e.event_type === "constraint_audited")).toEqual([
      expect.objectContaining({
        constraint_kind: "K8sEveryObject",
        constraint_violations: "50",
        constraint_action: "deny",
      }),
      expect.objectContaining({
        constraint_kind: "K8sLongMessage",
        constraint_violations: "1",
        constraint_action: "scoped",
      }),
    ]);
    const longLine = events.find(
      (e) => e.event_type === "violation_audited" && e.constraint_name === "long-message",
    );
    expect(longLine.msg).toBe(`${"m".repeat(252)}€${"z".repeat(45)}`);
    expect(longLine.constraint_enforcement_actions).toEqual(["dryrun"]);
  });

  it("gives the same statuses with the limit applied across two worker threads", async () => {
    const client = loadPolicySet(newClient(), POLICIES);
    if (pool === undefined) throw new Error("no pool");
    const result = await runAudit({
      client,
      source: new MemorySource(objects()),
      chunkSize: 5,
      reviewer: pool,
    });
    checkStatus(result);
  });

  it("gives worker threads the synced data under data.inventory", async () => {
    const kind = "K8sNeedsInventory";
    const client = loadPolicySet(newClient(), {
      templates: [
        {
          file: undefined,
          doc: template(
            kind,
            `package k8sneedsinventory
violation[{"msg": msg}] {
  other := data.inventory.namespace[ns][_]["ConfigMap"][name]
  name != input.review.object.metadata.name
  msg := sprintf("also in the inventory: %v/%v", [ns, name])
}`,
          ),
        },
      ],
      constraints: [
        {
          file: undefined,
          doc: {
            apiVersion: "constraints.gatekeeper.sh/v1beta1",
            kind,
            metadata: { name: "needs-inventory" },
            spec: { match: { kinds: [{ apiGroups: [""], kinds: ["ConfigMap"] }] } },
          },
        },
      ],
    });
    client.addData({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "synced", namespace: "ns1" } });
    if (pool === undefined) throw new Error("no pool");
    const source = new MemorySource(
      objects()
        .filter((o) => o.kind === "ConfigMap")
        .slice(0, 3),
    );
    const inThread = await runAudit({ client, source });
    const inWorkers = await runAudit({ client, source, reviewer: pool });
    expect(inThread.violations.map((v) => v.message)).toEqual([
      "also in the inventory: ns1/synced",
      "also in the inventory: ns1/synced",
      "also in the inventory: ns1/synced",
    ]);
    expect(inWorkers.violations.map((v) => v.message)).toEqual(inThread.violations.map((v) => v.message));
  });

  it("honours --constraint-violations-limit", async () => {
    const client = loadPolicySet(newClient(), POLICIES);
    const result = await runAudit({ client, source: new MemorySource(objects()), limit: 3 });
    const every = result.constraints.find((c) => c.metadata.name === "every-object");
    expect(every?.status.violations?.map((v) => v.name)).toEqual(["cm-04", "cm-02", "cm-00"]);
    const none = await runAudit({ client, source: new MemorySource(objects()), limit: 0 });
    expect(none.constraints[0]?.status).toEqual({ auditTimestamp: none.auditId, totalViolations: 50 });
  });
});
