import { describe, expect, it } from "vitest";
import { latencyStats, NO_LATENCIES, percentile, reviewsPerSecond } from "./latency-stats.js";

describe("percentile", () => {
  it("interpolates between the two ranks around p/100 × (n−1)", () => {
    const sorted = [10, 20, 30, 40, 50];
    expect(percentile(sorted, 50)).toBe(30);
    expect(percentile(sorted, 95)).toBeCloseTo(48, 10);
    expect(percentile(sorted, 99)).toBeCloseTo(49.6, 10);
    expect(percentile(sorted, 100)).toBe(50);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

describe("latencyStats", () => {
  it("sorts the durations and truncates the mean and percentiles to whole nanoseconds", () => {
    const stats = latencyStats(Float64Array.from([300, 100, 200, 401]));
    expect(stats).toEqual({ min: 100, max: 401, mean: 250, p50: 250, p95: 385, p99: 397 });
  });

  it("gives zeros for no reviews", () => {
    expect(latencyStats(new Float64Array(0))).toEqual(NO_LATENCIES);
  });
});

describe("reviewsPerSecond", () => {
  it("divides the reviews by the seconds that passed", () => {
    expect(reviewsPerSecond(500, 250_000_000)).toBe(2000);
    expect(reviewsPerSecond(5, 0)).toBe(0);
  });
});
