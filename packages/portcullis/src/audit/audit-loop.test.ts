import type { JsonObject } from "@portcullis/constraint";
import { describe, expect, it } from "vitest";
import { startAuditLoop } from "./audit-loop.js";
import { MemorySource } from "./memory-source.js";
import { loadPolicySet, newClient, type PolicySet } from "./policy-loader.js";

const policies = (action: string): PolicySet => ({
  templates: [
    {
      file: undefined,
      doc: {
        apiVersion: "templates.gatekeeper.sh/v1",
        kind: "ConstraintTemplate",
        metadata: { name: "k8sdenyall" },
        spec: {
          crd: { spec: { names: { kind: "K8sDenyAll" } } },
          targets: [
            {
              target: "admission.k8s.gatekeeper.sh",
              rego: 'package k8sdenyall\nviolation[{"msg": "denied"}] { true }',
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
        kind: "K8sDenyAll",
        metadata: { name: "all" },
        spec: { enforcementAction: action },
      },
    },
  ],
});

const pod: JsonObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" } };

describe("startAuditLoop", () => {
  it("asks a client function at each audit, and rerun starts a fresh audit after the running one", async () => {
    let client = loadPolicySet(newClient(), policies("dryrun"));
    const loop = startAuditLoop({ client: () => client, source: new MemorySource([pod]), interval: 0 });
    try {
      expect(loop.running()).toBe(false);
      const first = loop.runNow();
      expect(loop.running()).toBe(true);
      client = loadPolicySet(newClient(), policies("warn"));
      const again = loop.rerun();
      expect(loop.rerun()).toBe(again);
      expect((await first).violations[0]?.enforcementAction).toBe("dryrun");
      const second = await again;
      expect(second.violations[0]?.enforcementAction).toBe("warn");
      expect(loop.latest()).toBe(second);
      expect(loop.running()).toBe(false);
    } finally {
      await loop.stop();
    }
    await expect(loop.runNow()).rejects.toMatchObject({ code: "audit_aborted" });
  });
});
