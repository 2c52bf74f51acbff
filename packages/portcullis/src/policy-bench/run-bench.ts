import type { EngineChoice } from "@portcullis/constraint";
import { GatorError } from "../gator/errors.js";
import { reviewSourceDocument } from "../gator/load-documents.js";
import type { SourceDocument } from "../gator/read-documents.js";
import { allocatedBytes } from "./heap-allocation.js";
import { type Latencies, latencyStats, reviewsPerSecond } from "./latency-stats.js";
import { type BenchSetup, benchInput, hostClock, type LoadedBench, loadBench } from "./load-bench.js";

/** What one engine's benchmark measured (gator bench's `Results`; durations in nanoseconds). */
export interface BenchResult extends BenchSetup {
  readonly objectCount: number;
  readonly iterations: number;
  readonly totalDuration: number;
  readonly latencies: Latencies;
  readonly violationCount: number;
  readonly reviewsPerSecond: number;
  /** Worker threads that reviewed at once (`--concurrency`); absent when reviews ran one at a time. */
  readonly concurrency?: number;
  /** Heap bytes the measured reviews allocated (`--memory`); absent when not measured. */
  readonly memoryStats?: MemoryStats;
}

/** Bytes allocated on the V8 heap by the measured reviews. */
export interface MemoryStats {
  readonly bytesPerReview: number;
  readonly totalBytes: number;
}

/** How to benchmark. */
export interface BenchOptions {
  /** Review cycles measured; each reviews every object once. */
  readonly iterations: number;
  /** Review cycles run first and not measured (they let the engines compile their hot paths). */
  readonly warmup: number;
  /** A monotonic clock in nanoseconds (tests supply their own). */
  readonly clock?: () => number;
  /** Count the heap bytes the measured reviews allocate. */
  readonly memory?: boolean;
}

/** One engine's run, with the remarks it made (templates skipped) for stderr. */
export interface EngineBench {
  readonly result: BenchResult;
  readonly notes: readonly string[];
}

/** Each measured review's time (nanoseconds), the results they found, and (when counted) the heap bytes they allocated. */
export interface MeasuredReviews {
  readonly durations: Float64Array;
  readonly violations: number;
  readonly allocatedBytes?: number;
}

/** Reviews every object `cycles` times, one at a time, timing each review. */
export function measureReviews(
  loaded: LoadedBench,
  cycles: number,
  clock: () => number = hostClock,
): MeasuredReviews {
  const { client, reviewed, namespaces } = loaded;
  const durations = new Float64Array(cycles * reviewed.length);
  let violations = 0;
  let at = 0;
  for (let i = 0; i < cycles; i++) {
    for (const doc of reviewed) {
      const start = clock();
      const response = reviewSourceDocument(client, doc, namespaces);
      durations[at++] = clock() - start;
      violations += response.results.length;
    }
  }
  return { durations, violations };
}

/** The result of a run: what loading measured, and the reviews over `totalDuration` nanoseconds. */
export function benchResult(
  loaded: LoadedBench,
  iterations: number,
  measured: MeasuredReviews,
  totalDuration: number,
): BenchResult {
  return {
    engine: loaded.engine,
    templateCount: loaded.templateCount,
    skippedTemplates: loaded.skippedTemplates,
    constraintCount: loaded.constraintCount,
    skippedConstraints: loaded.skippedConstraints,
    objectCount: loaded.reviewed.length,
    iterations,
    setupDuration: loaded.setupDuration,
    setupBreakdown: loaded.setupBreakdown,
    totalDuration: Math.round(totalDuration),
    latencies: latencyStats(measured.durations),
    violationCount: measured.violations,
    reviewsPerSecond: reviewsPerSecond(measured.durations.length, totalDuration),
    ...(measured.allocatedBytes !== undefined ? { memoryStats: memoryStats(measured) } : {}),
  };
}

function memoryStats(measured: MeasuredReviews): MemoryStats {
  const total = measured.allocatedBytes ?? 0;
  const reviews = measured.durations.length;
  return { totalBytes: total, bytesPerReview: reviews === 0 ? 0 : Math.trunc(total / reviews) };
}

/** {@link measureReviews}, counting the heap bytes allocated when `memory` is set. */
export function measureReviewsCounting(
  loaded: LoadedBench,
  cycles: number,
  memory: boolean,
  clock: () => number = hostClock,
): MeasuredReviews {
  if (!memory) return measureReviews(loaded, cycles, clock);
  const { value, bytes } = allocatedBytes(() => measureReviews(loaded, cycles, clock));
  return { ...value, allocatedBytes: bytes };
}

/**
 * Loads `docs` for `engine` (see {@link loadBench}), reviews every object `warmup` times
 * unmeasured and `iterations` times measured, one review at a time at the gator enforcement
 * point, as `gator bench` does without `--concurrency`.
 */
export function benchEngine(
  docs: readonly SourceDocument[],
  engine: EngineChoice,
  options: BenchOptions,
): EngineBench {
  const clock = options.clock ?? hostClock;
  const loaded = loadBench(docs, engine, clock);
  measureReviews(loaded, options.warmup, clock);
  const benchStart = clock();
  const measured = measureReviewsCounting(loaded, options.iterations, options.memory === true, clock);
  const totalDuration = clock() - benchStart;
  return { notes: loaded.notes, result: benchResult(loaded, options.iterations, measured, totalDuration) };
}

/** `--engine` of `portcullis bench`: one engine, or `all` (Rego, then CEL). */
export type BenchEngineChoice = EngineChoice | "all";

/** What a benchmark over one or more engines found. */
export interface BenchOutcome {
  readonly results: readonly BenchResult[];
  /** Remarks for stderr: templates skipped, engines that had nothing to run under `all`. */
  readonly notes: readonly string[];
}

/**
 * Benchmarks each engine `choice` names with `run`. Under `all`, an engine with nothing to run
 * (no template with its code) is noted and skipped, as gator does; it is an error only when no
 * engine ran.
 */
export async function runBench(
  docs: readonly SourceDocument[],
  choice: BenchEngineChoice,
  run: (engine: EngineChoice) => EngineBench | Promise<EngineBench>,
): Promise<BenchOutcome> {
  if (choice !== "all") {
    const { result, notes } = await run(choice);
    return { results: [result], notes };
  }
  benchInput(docs);
  const results: BenchResult[] = [];
  const notes: string[] = [];
  const skipped: string[] = [];
  for (const engine of ["rego", "cel"] as const) {
    try {
      const one = await run(engine);
      results.push(one.result);
      notes.push(...one.notes);
    } catch (e: unknown) {
      if (!(e instanceof GatorError) || e.code !== "nothing_to_bench") throw e;
      skipped.push(`${engine}: ${e.message}`);
      notes.push(`engine ${engine} skipped: ${e.message}`);
    }
  }
  if (results.length === 0)
    throw new GatorError("nothing_to_bench", `no engine could run the templates (${skipped.join("; ")})`);
  return { results, notes };
}
