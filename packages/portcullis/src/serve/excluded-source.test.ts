import { describe, expect, it } from "vitest";
import { MemorySource } from "../audit/memory-source.js";
import { ProcessExcluder } from "../policies/process-excluder.js";
import { AuditExcludedSource } from "./excluded-source.js";

const obj = (apiVersion: string, kind: string, name: string, namespace?: string) => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
});

async function names(source: AuditExcludedSource): Promise<string[]> {
  const out: string[] = [];
  for (const k of await source.kinds()) {
    let cont: string | undefined;
    do {
      const page = await source.list(k, { limit: 1, ...(cont !== undefined ? { continue: cont } : {}) });
      for (const o of page.objects)
        out.push(`${String(o.kind)}/${String((o.metadata as { name: string }).name)}`);
      cont = page.continue;
    } while (cont !== undefined);
  }
  return out;
}

describe("AuditExcludedSource", () => {
  const inner = new MemorySource([
    obj("v1", "Pod", "proxy", "kube-system"),
    obj("v1", "Pod", "web", "default"),
    obj("v1", "Pod", "agent", "kube-public"),
    obj("v1", "Namespace", "kube-system"),
    obj("v1", "Namespace", "default"),
    obj("rbac.authorization.k8s.io/v1", "ClusterRole", "kube-viewer"),
  ]);

  it("leaves out what Config excludes from process audit, keeping pages going", async () => {
    const excluder = new ProcessExcluder([{ excludedNamespaces: ["kube-*"], processes: ["audit"] }]);
    expect(await names(new AuditExcludedSource(inner, () => excluder))).toEqual([
      "Pod/web",
      "Namespace/default",
      "ClusterRole/kube-viewer",
    ]);
  });

  it("keeps everything when nothing is excluded for audit", async () => {
    const webhookOnly = new ProcessExcluder([{ excludedNamespaces: ["kube-*"], processes: ["webhook"] }]);
    expect(await names(new AuditExcludedSource(inner, () => webhookOnly))).toHaveLength(6);
    expect(await names(new AuditExcludedSource(inner, () => undefined))).toHaveLength(6);
  });
});
