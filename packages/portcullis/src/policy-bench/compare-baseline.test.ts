import { describe, expect, it } from "vitest";
import { type ComparableResult, compareWithBaseline, percentChange } from "./compare-baseline.js";

function result(engine: string, latencyNs: number, rate: number): ComparableResult {
  return {
    engine,
    latencies: { p50: latencyNs, p95: latencyNs, p99: latencyNs, mean: latencyNs },
    reviewsPerSecond: rate,
  };
}

describe("percentChange", () => {
  it("is the change in percent of the baseline, and 100 from a zero baseline", () => {
    expect(percentChange(200, 250)).toBe(25);
    expect(percentChange(200, 150)).toBe(-25);
    expect(percentChange(0, 0)).toBe(0);
    expect(percentChange(0, 3)).toBe(100);
  });
});

describe("compareWithBaseline", () => {
  it("passes changes within the threshold and fails latencies that rose beyond it", () => {
    const [within] = compareWithBaseline([result("rego", 1000, 100)], [result("rego", 1090, 95)], 10, 0);
    expect(within?.passed).toBe(true);
    const [slower] = compareWithBaseline([result("rego", 1000, 100)], [result("rego", 1200, 100)], 10, 0);
    expect(slower?.passed).toBe(false);
    expect(slower?.failedMetrics).toEqual(["P50 Latency", "P95 Latency", "P99 Latency", "Mean Latency"]);
    expect(slower?.metrics[0]).toEqual({
      name: "P50 Latency",
      baseline: 1000,
      current: 1200,
      delta: 20,
      passed: false,
    });
  });

  it("fails throughput that fell beyond the threshold, not throughput that rose", () => {
    const [fell] = compareWithBaseline([result("cel", 1000, 100)], [result("cel", 1000, 80)], 10, 0);
    expect(fell?.failedMetrics).toEqual(["Throughput"]);
    const [rose] = compareWithBaseline([result("cel", 1000, 100)], [result("cel", 1000, 300)], 10, 0);
    expect(rose?.passed).toBe(true);
  });

  it("forgives latency regressions smaller than the minimum absolute increase", () => {
    const base = [result("rego", 1000, 100)];
    const [small] = compareWithBaseline(base, [result("rego", 1500, 100)], 10, 1000);
    expect(small?.passed).toBe(true);
    const [large] = compareWithBaseline(base, [result("rego", 2500, 100)], 10, 1000);
    expect(large?.passed).toBe(false);
  });

  it("compares heap bytes per review when both sides counted them", () => {
    const base = [{ ...result("rego", 1000, 100), bytesPerReview: 1000 }];
    const [grew] = compareWithBaseline(base, [{ ...result("rego", 1000, 100), bytesPerReview: 1200 }], 10, 0);
    expect(grew?.failedMetrics).toEqual(["Bytes/Review"]);
    const [uncounted] = compareWithBaseline(base, [result("rego", 1000, 100)], 10, 0);
    expect(uncounted?.metrics.map((m) => m.name)).not.toContain("Bytes/Review");
  });

  it("compares only the engines the baseline has", () => {
    const out = compareWithBaseline(
      [result("cel", 1000, 100)],
      [result("rego", 1000, 100), result("cel", 1000, 100)],
      10,
      0,
    );
    expect(out.map((c) => c.engine)).toEqual(["cel"]);
  });
});
