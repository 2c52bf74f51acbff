import type { EngineChoice } from "@portcullis/constraint";
import type { BenchResult } from "./run-bench.js";

/** The measures a comparison needs from a result (a run's, or a baseline's). */
export interface ComparableResult {
  readonly engine: string;
  readonly latencies: {
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly mean: number;
  };
  readonly reviewsPerSecond: number;
  /** Heap bytes per review, when counted (`--memory`). */
  readonly bytesPerReview?: number;
}

/** One measure against its baseline. */
export interface MetricComparison {
  readonly name: string;
  readonly baseline: number;
  readonly current: number;
  /** Percent change from the baseline (positive: higher now). */
  readonly delta: number;
  readonly passed: boolean;
}

/** A run's engine against the baseline's result for the same engine. */
export interface BaselineComparison {
  readonly engine: EngineChoice | string;
  readonly metrics: readonly MetricComparison[];
  readonly passed: boolean;
  readonly failedMetrics: readonly string[];
}

/** What a comparison needs of a run's result: its measures, and heap bytes per review when counted. */
export function comparableResult(r: BenchResult): ComparableResult {
  return {
    engine: r.engine,
    latencies: r.latencies,
    reviewsPerSecond: r.reviewsPerSecond,
    ...(r.memoryStats !== undefined ? { bytesPerReview: r.memoryStats.bytesPerReview } : {}),
  };
}

/** Percent change from `baseline` to `current`; 100 when the baseline is 0 and current is not. */
export function percentChange(baseline: number, current: number): number {
  if (baseline === 0) return current === 0 ? 0 : 100;
  return ((current - baseline) / baseline) * 100;
}

/**
 * Compares each result with the baseline's result of the same engine (engines the baseline lacks
 * are left out), as `gator bench --compare` does. A latency (p50, p95, p99, mean) regresses when
 * it rose by more than `threshold` percent and, if `minThresholdNs` is above 0, by at least that
 * many nanoseconds; throughput regresses when it fell by more than `threshold` percent, and heap
 * bytes per review (when both sides counted them) when they rose by more than that.
 */
export function compareWithBaseline(
  baseline: readonly ComparableResult[],
  current: readonly ComparableResult[],
  threshold: number,
  minThresholdNs: number,
): BaselineComparison[] {
  const byEngine = new Map(baseline.map((b) => [b.engine, b]));
  const out: BaselineComparison[] = [];
  for (const cur of current) {
    const base = byEngine.get(cur.engine);
    if (base === undefined) continue;
    const metrics: MetricComparison[] = [];
    const latency = (name: string, b: number, c: number): void => {
      const delta = percentChange(b, c);
      const passed = delta <= threshold || (minThresholdNs > 0 && c - b < minThresholdNs);
      metrics.push({ name, baseline: b, current: c, delta, passed });
    };
    latency("P50 Latency", base.latencies.p50, cur.latencies.p50);
    latency("P95 Latency", base.latencies.p95, cur.latencies.p95);
    latency("P99 Latency", base.latencies.p99, cur.latencies.p99);
    latency("Mean Latency", base.latencies.mean, cur.latencies.mean);
    const delta = percentChange(base.reviewsPerSecond, cur.reviewsPerSecond);
    metrics.push({
      name: "Throughput",
      baseline: base.reviewsPerSecond,
      current: cur.reviewsPerSecond,
      delta,
      passed: -delta <= threshold,
    });
    if (base.bytesPerReview !== undefined && cur.bytesPerReview !== undefined) {
      const bytesDelta = percentChange(base.bytesPerReview, cur.bytesPerReview);
      metrics.push({
        name: "Bytes/Review",
        baseline: base.bytesPerReview,
        current: cur.bytesPerReview,
        delta: bytesDelta,
        passed: bytesDelta <= threshold,
      });
    }
    const failedMetrics = metrics.filter((m) => !m.passed).map((m) => m.name);
    out.push({ engine: cur.engine, metrics, passed: failedMetrics.length === 0, failedMetrics });
  }
  return out;
}
