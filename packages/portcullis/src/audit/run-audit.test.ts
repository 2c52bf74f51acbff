import type { JsonObject } from "@portcullis/constraint";
import { describe, expect, it } from "vitest";
import { constraint, template } from "../webhook/test-fixtures.js";
import { AuditError } from "./errors.js";
import { MemorySource } from "./memory-source.js";
import { loadPolicySet, newClient } from "./policy-loader.js";
import type { PageReview } from "./review-objects.js";
import { InProcessReviewer, type Reviewer } from "./reviewer.js";
import { runAudit } from "./run-audit.js";
import { WorkerPool } from "./worker-pool.js";

const client = loadPolicySet(newClient(), {
  templates: [
    {
      file: "template.yaml",
      doc: template(
        "K8sNamed",
        `package k8snamed
violation[{"msg": input.review.object.metadata.name}] { true }`,
      ),
    },
  ],
  constraints: [
    {
      file: "constraint.yaml",
      doc: constraint("K8sNamed", "every-configmap", {
        match: { kinds: [{ apiGroups: [""], kinds: ["ConfigMap"] }] },
      }),
    },
  ],
});

const configMaps = (n: number): JsonObject[] =>
  Array.from({ length: n }, (_, i) => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `cm-${String(i).padStart(2, "0")}`, namespace: "default" },
  }));

/** Reviews in process, but answers each page after its delay (a negative one fails the page). */
class ReorderingReviewer implements Reviewer {
  readonly workers = 2;
  private readonly inner = new InProcessReviewer(client);
  private page = 0;

  constructor(private readonly delayOf: (page: number) => number) {}

  setPolicies(): Promise<void> {
    return Promise.resolve();
  }

  setNamespaces(namespaces: readonly JsonObject[]): Promise<void> {
    return this.inner.setNamespaces(namespaces);
  }

  async review(objects: readonly JsonObject[]): Promise<PageReview> {
    const delay = this.delayOf(this.page++);
    if (delay < 0) throw new AuditError("worker_failed", "page lost");
    const result = await this.inner.review(objects);
    await new Promise((r) => setTimeout(r, delay));
    return result;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe("runAudit", () => {
  it("keeps violations in listing order when later pages come back first", async () => {
    const source = new MemorySource(configMaps(12));
    const reviewer = new ReorderingReviewer((page) => [30, 0, 10, 0][page] ?? 0);
    const result = await runAudit({ client, source, reviewer, chunkSize: 3 });
    const names = Array.from({ length: 12 }, (_, i) => `cm-${String(i).padStart(2, "0")}`);
    expect(result.violations.map((v) => v.message)).toEqual(names);
    expect(result.objectsReviewed).toBe(12);
    const status = result.constraints[0]?.status;
    expect(status?.totalViolations).toBe(12);
  });

  it("reviews pages in parts of reviewSize objects, in listing order", async () => {
    const source = new MemorySource(configMaps(12));
    const sizes: number[] = [];
    const reviewer = new ReorderingReviewer((page) => [20, 0, 5, 0, 0][page] ?? 0);
    const review = reviewer.review.bind(reviewer);
    reviewer.review = (objects) => {
      sizes.push(objects.length);
      return review(objects);
    };
    const result = await runAudit({ client, source, reviewer, chunkSize: 5, reviewSize: 2 });
    // Pages of 5, 5 and 2, each cut into parts of at most 2.
    expect(sizes).toEqual([2, 2, 1, 2, 2, 1, 2]);
    const names = Array.from({ length: 12 }, (_, i) => `cm-${String(i).padStart(2, "0")}`);
    expect(result.violations.map((v) => v.message)).toEqual(names);
    expect(result.objectsReviewed).toBe(12);
  });

  it("fails with a page's error, and nothing is left unhandled", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): void => {
      unhandled.push(e);
    };
    process.on("unhandledRejection", onUnhandled);
    try {
      const source = new MemorySource(configMaps(9));
      const reviewer = new ReorderingReviewer((page) => (page === 1 ? -1 : 5));
      await expect(runAudit({ client, source, reviewer, chunkSize: 3 })).rejects.toMatchObject({
        code: "worker_failed",
      });
      // An abort while a failed page is still waiting to be taken in.
      const controller = new AbortController();
      const aborting = new ReorderingReviewer((page) => {
        if (page === 1) controller.abort();
        return page === 0 ? -1 : 5;
      });
      await expect(
        runAudit({ client, source, reviewer: aborting, chunkSize: 3, signal: controller.signal }),
      ).rejects.toMatchObject({ code: "audit_aborted" });
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("logs each object's template run times with logStats, in this thread and in workers", async () => {
    const pool = await WorkerPool.start({ size: 1 });
    try {
      for (const reviewer of [undefined, pool]) {
        const lines: { fields: Record<string, unknown>; msg: string }[] = [];
        const logger = {
          info: (fields: Record<string, unknown>, msg: string) => void lines.push({ fields, msg }),
        };
        const source = new MemorySource(configMaps(3));
        await runAudit({
          client,
          source,
          logger,
          logStats: true,
          ...(reviewer !== undefined ? { reviewer } : {}),
        });
        const stats = lines.filter((l) => l.fields.event_type === "audit_stats");
        expect(stats).toHaveLength(3);
        expect(stats[0]?.msg).toBe("audit review request stats");
        expect(stats[0]?.fields).toMatchObject({
          process: "audit",
          execution_stats: [
            {
              scope: "template",
              statsFor: "K8sNamed",
              stats: [
                { name: "templateRunTimeNS", source: { type: "engine", value: "Rego" } },
                { name: "constraintCount", value: 1, description: expect.stringContaining("constraints") },
              ],
            },
          ],
        });
        const quiet: string[] = [];
        await runAudit({
          client,
          source,
          logger: { info: (f) => void quiet.push(String(f.event_type)) },
          ...(reviewer !== undefined ? { reviewer } : {}),
        });
        expect(quiet).not.toContain("audit_stats");
      }
    } finally {
      await pool.close();
    }
  });
});
