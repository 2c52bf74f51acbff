/** Latency statistics of a benchmark's reviews, in nanoseconds (gator bench's `latencies`). */
export interface Latencies {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** All zero: the statistics of no reviews. */
export const NO_LATENCIES: Latencies = { min: 0, max: 0, mean: 0, p50: 0, p95: 0, p99: 0 };

/**
 * The `p`th percentile (0–100) of ascending values: the rank `p/100 × (n−1)`, interpolated
 * linearly between its two neighbours, as gator bench computes it.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const rank = (p / 100) * (n - 1);
  const lower = Math.floor(rank);
  const below = sorted[lower] ?? 0;
  if (lower + 1 >= n) return sorted[n - 1] ?? 0;
  const weight = rank - lower;
  return below * (1 - weight) + (sorted[lower + 1] ?? 0) * weight;
}

/** Min, max, mean (whole nanoseconds, truncated as Go's integer division) and p50/p95/p99. */
export function latencyStats(durationsNs: Float64Array): Latencies {
  const n = durationsNs.length;
  if (n === 0) return NO_LATENCIES;
  const sorted = Float64Array.from(durationsNs).sort();
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i] ?? 0;
  return {
    min: sorted[0] ?? 0,
    max: sorted[n - 1] ?? 0,
    mean: Math.trunc(total / n),
    p50: Math.trunc(percentile(sorted, 50)),
    p95: Math.trunc(percentile(sorted, 95)),
    p99: Math.trunc(percentile(sorted, 99)),
  };
}

/** Reviews per second over a total time in nanoseconds (0 when no time passed). */
export function reviewsPerSecond(reviews: number, totalNs: number): number {
  return totalNs <= 0 ? 0 : reviews / (totalNs / 1e9);
}
