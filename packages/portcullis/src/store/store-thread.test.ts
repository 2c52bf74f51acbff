import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StoreError } from "./errors.js";
import { StoreWriterThread } from "./store-thread.js";
import { auditAt, violation } from "./test-violations.js";
import { STORE_FILE, ViolationStore } from "./violation-store.js";

const root = mkdtempSync(join(tmpdir(), "portcullis-store-thread-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const audit = (at: number, names: string[]) =>
  auditAt(
    at,
    names.map((name) =>
      violation(name, { labels: { app: name }, constraintAnnotations: { note: "not stored" } }),
    ),
  );

describe("StoreWriterThread", () => {
  it("records audits from its thread, as the store itself does, for readers on their own connection", async () => {
    const dir = join(root, "a");
    const reader = ViolationStore.open(dir);
    const writer = await StoreWriterThread.start(dir);
    try {
      const t1 = Date.UTC(2026, 0, 1);
      expect(await writer.recordAudit(audit(t1, ["p1", "p2"]))).toMatchObject({
        newViolations: 2,
        resolvedViolations: 0,
      });
      expect(await writer.recordAudit(audit(t1 + 60000, ["p1"]))).toMatchObject({
        newViolations: 0,
        resolvedViolations: 1,
      });
      const open = reader.query();
      expect(open.violations.map((v) => [v.object.name, v.firstSeen, v.lastSeen])).toEqual([
        ["p1", "2026-01-01T00:00:00.000Z", "2026-01-01T00:01:00.000Z"],
      ]);
      expect(open.violations[0]?.details).toEqual({ missing: ["owner"] });
      expect(reader.query({ state: "resolved" }).total).toBe(1);
    } finally {
      await writer.close();
      reader.close();
    }
  });

  it("sends a large audit in parts and records it whole, one audit at a time", async () => {
    const dir = join(root, "large");
    const writer = await StoreWriterThread.start(dir);
    const reader = ViolationStore.open(dir);
    try {
      const names = Array.from({ length: 4500 }, (_, i) => `p${i}`);
      const [first, second] = await Promise.all([
        writer.recordAudit(audit(1000, names)),
        writer.recordAudit(audit(2000, names.slice(0, 100))),
      ]);
      expect(first).toMatchObject({ newViolations: 4500, resolvedViolations: 0 });
      expect(second).toMatchObject({ newViolations: 0, resolvedViolations: 4400 });
      expect(reader.query().total).toBe(100);
    } finally {
      await writer.close();
      reader.close();
    }
  });

  it("reports a store that cannot be opened as the StoreError the thread met", async () => {
    const dir = join(root, "corrupt");
    const reader = ViolationStore.open(dir);
    reader.close();
    writeFileSync(
      join(dir, STORE_FILE),
      "this is not a database, and long enough to look like a header".repeat(20),
    );
    rmSync(join(dir, `${STORE_FILE}-wal`), { force: true });
    rmSync(join(dir, `${STORE_FILE}-shm`), { force: true });
    const started = StoreWriterThread.start(dir);
    await expect(started).rejects.toBeInstanceOf(StoreError);
    await expect(started).rejects.toMatchObject({ code: "store_corrupt" });
  });

  it("rejects writes once stopped", async () => {
    const writer = await StoreWriterThread.start(join(root, "b"));
    await writer.close();
    await expect(writer.recordAudit(audit(1, ["p1"]))).rejects.toMatchObject({ code: "store_write_failed" });
  });
});
