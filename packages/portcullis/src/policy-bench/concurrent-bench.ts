import type { EngineChoice } from "@portcullis/constraint";
import { GatorError } from "../gator/errors.js";
import type { SourceDocument } from "../gator/read-documents.js";
import { startAll, startWorker, WorkerChannel, workerEntry } from "../threads/worker-thread.js";
import type { FromBenchWorker, ToBenchWorker } from "./bench-worker-protocol.js";
import { loadBench } from "./load-bench.js";
import { type BenchOptions, benchResult, type EngineBench, type MeasuredReviews } from "./run-bench.js";

const failure = (message: string): GatorError => new GatorError("bench_worker", `bench worker ${message}`);

/** `total` cycles shared among at most `ways` workers as evenly as can be; none gets 0. */
export function shareCycles(total: number, ways: number): number[] {
  const n = Math.min(total, ways);
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

function loadedOrThrow(r: FromBenchWorker): void {
  if (r.type === "failed") throw failure(`failed: ${r.message}`);
  if (r.type !== "loaded") throw failure(`answered ${r.type} to load`);
}

function measuredOrThrow(r: FromBenchWorker): MeasuredReviews {
  if (r.type === "failed") throw failure(`failed: ${r.message}`);
  if (r.type !== "measured") throw failure(`answered ${r.type} to measure`);
  return r;
}

/**
 * `gator bench --concurrency`: `concurrency` worker threads, each with its own client loaded
 * and warmed up, review the iterations' cycles among them at once; throughput is every review
 * over the wall time from the start of the first to the end of the last. The setup this reports
 * is the main thread's own load (which also checks the input), not the workers'.
 */
export async function benchConcurrently(
  docs: readonly SourceDocument[],
  engine: EngineChoice,
  options: BenchOptions & { readonly concurrency: number; readonly workerEntry?: string },
): Promise<EngineBench> {
  const loaded = loadBench(docs, engine);
  const shares = shareCycles(options.iterations, options.concurrency);
  const entry = options.workerEntry ?? workerEntry(import.meta.url, "bench-worker");
  const workers = await startAll(shares.length, async () => {
    const w = await startWorker(entry, failure);
    return new WorkerChannel<ToBenchWorker, FromBenchWorker>(w, failure);
  });
  try {
    const loads = await Promise.all(
      workers.map((w) => w.send({ type: "load", id: 1, documents: docs, engine, warmup: options.warmup })),
    );
    for (const r of loads) loadedOrThrow(r);
    const start = performance.now();
    const measured = await Promise.all(
      workers.map((w, i) =>
        w.send({ type: "measure", id: 2, cycles: shares[i] ?? 0, memory: options.memory === true }),
      ),
    );
    const totalNs = (performance.now() - start) * 1e6;
    const parts = measured.map(measuredOrThrow);
    const durations = new Float64Array(parts.reduce((n, p) => n + p.durations.length, 0));
    let at = 0;
    let violations = 0;
    let bytes = 0;
    for (const p of parts) {
      durations.set(p.durations, at);
      at += p.durations.length;
      violations += p.violations;
      bytes += p.allocatedBytes ?? 0;
    }
    const all = { durations, violations, ...(options.memory === true ? { allocatedBytes: bytes } : {}) };
    const result = benchResult(loaded, options.iterations, all, totalNs);
    return { notes: loaded.notes, result: { ...result, concurrency: shares.length } };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
