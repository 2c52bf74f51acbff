import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startWorker } from "./worker-thread.js";

const dir = mkdtempSync(join(tmpdir(), "portcullis-worker-thread-"));
const entry = join(dir, "listening.mjs");
// Listening keeps the worker alive; a worker that has exited reports no limits.
writeFileSync(
  entry,
  'import { parentPort } from "node:worker_threads";\nparentPort.on("message", () => {});\n',
);
const failure = (message: string): Error => new Error(message);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("startWorker", () => {
  it("gives the worker the young generation it is asked for, and V8's default otherwise", async () => {
    const sized = await startWorker(entry, failure, { youngGenerationMb: 96 });
    const plain = await startWorker(entry, failure);
    try {
      expect(sized.resourceLimits?.maxYoungGenerationSizeMb).toBe(96);
      expect(plain.resourceLimits?.maxYoungGenerationSizeMb).not.toBe(96);
    } finally {
      await sized.terminate();
      await plain.terminate();
    }
  });

  it("rejects with the caller's error when the entry cannot load", async () => {
    await expect(startWorker(join(dir, "missing.mjs"), failure)).rejects.toThrow(/did not start/);
  });
});
