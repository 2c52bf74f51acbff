import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StoreError } from "./errors.js";
import { auditAt, violation } from "./test-violations.js";
import { STORE_FILE, ViolationStore } from "./violation-store.js";

const root = mkdtempSync(join(tmpdir(), "portcullis-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const v = violation;
const audit = auditAt;

describe("ViolationStore", () => {
  it("keeps first seen, last seen and resolved at across audits", () => {
    const store = ViolationStore.open(join(root, "a"));
    try {
      const t1 = Date.UTC(2026, 0, 1);
      expect(store.recordAudit(audit(t1, [v("p1"), v("p2")]))).toMatchObject({
        newViolations: 2,
        resolvedViolations: 0,
      });
      const t2 = t1 + 60000;
      expect(
        store.recordAudit(
          audit(t2, [v("p1"), v("p3", { enforcementAction: "scoped", enforcementActions: ["dryrun"] })]),
        ),
      ).toMatchObject({
        newViolations: 1,
        resolvedViolations: 1,
      });
      const open = store.query();
      expect(open.total).toBe(2);
      const p1 = open.violations.find((x) => x.object.name === "p1");
      expect(p1?.firstSeen).toBe("2026-01-01T00:00:00.000Z");
      expect(p1?.lastSeen).toBe("2026-01-01T00:01:00.000Z");
      expect(p1?.details).toEqual({ missing: ["owner"] });
      const resolved = store.query({ state: "resolved" });
      expect(resolved.violations.map((x) => [x.object.name, x.resolvedAt])).toEqual([
        ["p2", "2026-01-01T00:01:00.000Z"],
      ]);
      expect(store.query({ action: "dryrun" }).violations.map((x) => x.object.name)).toEqual(["p3"]);
      expect(store.query({ text: "P3 HAS" }).total).toBe(1);
      expect(store.query({ since: t2 + 1 }).total).toBe(0);
      expect(store.query({ until: t1, state: "all" }).total).toBe(2);
      // A violation that comes back after being resolved is a new row.
      store.recordAudit(audit(t2 + 60000, [v("p2")]));
      expect(store.query({ name: "p2", state: "all" }).total).toBe(2);
      expect(store.audits().map((a) => a.totalViolations)).toEqual([1, 2, 2]);
      expect(store.integrityCheck()).toEqual(["ok"]);
    } finally {
      store.close();
    }
  });

  it("reports a file that is not a database, naming it, and leaves it alone", () => {
    const dir = join(root, "bad");
    const store = ViolationStore.open(dir);
    store.close();
    writeFileSync(join(dir, STORE_FILE), "not a database ".repeat(100));
    rmSync(join(dir, `${STORE_FILE}-wal`), { force: true });
    rmSync(join(dir, `${STORE_FILE}-shm`), { force: true });
    let error: unknown;
    try {
      ViolationStore.open(dir);
    } catch (e: unknown) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect(error instanceof StoreError ? error.code : "").toBe("store_corrupt");
    expect(error instanceof Error ? error.message : "").toContain(STORE_FILE);
  });
});
