import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { alignRows } from "../text/aligned-rows.js";
import { compareWithBaseline } from "./compare-baseline.js";
import {
  benchOutputFormat,
  formatBenchResults,
  formatComparison,
  shortBytes,
  shortDuration,
} from "./format-bench.js";
import type { BenchResult } from "./run-bench.js";

function result(engine: "rego" | "cel", rate: number): BenchResult {
  return {
    engine,
    templateCount: 2,
    skippedTemplates: engine === "cel" ? ["k8sonlyrego"] : [],
    constraintCount: 3,
    skippedConstraints: [],
    objectCount: 4,
    iterations: 10,
    setupDuration: 5_250_000,
    setupBreakdown: {
      clientCreation: 750,
      templateCompilation: 4_000_000,
      constraintLoading: 1_200_000,
      dataLoading: 49_250,
    },
    totalDuration: 1_500_000_000,
    latencies: { min: 850, max: 2_000_000, mean: 37_500, p50: 30_000, p95: 90_125, p99: 1_250_000 },
    violationCount: 7,
    reviewsPerSecond: rate,
  };
}

describe("shortDuration", () => {
  it("shows nanoseconds whole, µs and ms to two places, seconds to three", () => {
    expect(shortDuration(850)).toBe("850ns");
    expect(shortDuration(412_345)).toBe("412.35µs");
    expect(shortDuration(1_250_000)).toBe("1.25ms");
    expect(shortDuration(2_500_000_000)).toBe("2.500s");
  });
});

describe("alignRows", () => {
  it("pads every column but the last to its widest cell plus two spaces", () => {
    expect(
      alignRows([
        ["a:", "1"],
        ["longer:", "22", "x"],
      ]),
    ).toBe("a:       1\nlonger:  22  x\n");
  });
});

describe("formatBenchResults", () => {
  it("prints a table per engine and compares two engines' throughput", () => {
    const text = formatBenchResults([result("rego", 100), result("cel", 250)], "table");
    expect(text).toContain("=== Benchmark Results: REGO Engine ===\n\nConfiguration:\n  Templates:      2\n");
    expect(text).toContain("  Total Reviews:  40\n");
    expect(text).toContain("Warnings:\n  Skipped Templates:  1 (k8sonlyrego)\n");
    expect(text).toContain("  P99:   1.25ms\n");
    expect(text).toContain("  Throughput:                 100.00 reviews/sec\n");
    expect(text).toContain("=== Engine Comparison ===\n\nMetric        REGO        CEL\n");
    expect(text.endsWith("Performance: CEL is 2.50x faster than REGO\n")).toBe(true);
  });

  it("gives durations as Go prints them in JSON and YAML", () => {
    const json: unknown = JSON.parse(formatBenchResults([result("rego", 100)], "json"));
    expect(json).toEqual([
      expect.objectContaining({
        engine: "rego",
        totalReviews: 40,
        setupDuration: "5.25ms",
        totalDuration: "1.5s",
        latencies: { min: "850ns", max: "2ms", mean: "37.5µs", p50: "30µs", p95: "90.125µs", p99: "1.25ms" },
      }),
    ]);
    expect(parse(formatBenchResults([result("cel", 1)], "yaml"))).toEqual([
      expect.objectContaining({ engine: "cel", skippedTemplates: ["k8sonlyrego"] }),
    ]);
  });

  it("knows the output formats", () => {
    expect(benchOutputFormat(undefined)).toBe("table");
    expect(benchOutputFormat("JSON")).toBe("json");
    expect(benchOutputFormat("csv")).toBeUndefined();
  });
});

describe("memory", () => {
  it("shows heap bytes in 1024s, per review and in all, beside each engine", () => {
    const counted = {
      ...result("rego", 100),
      memoryStats: { bytesPerReview: 117_678, totalBytes: 4_707_120 },
    };
    const text = formatBenchResults([counted, result("cel", 100)], "table");
    expect(text).toContain("Memory (V8 heap):\n  Bytes/Review:  114.92 KB\n  Total Bytes:   4.49 MB\n");
    expect(text).toContain("Bytes/Review  114.92 KB   -\n");
    const json: unknown = JSON.parse(formatBenchResults([counted], "json"));
    expect(json).toEqual([
      expect.objectContaining({ memoryStats: { bytesPerReview: "114.92 KB", totalBytes: "4.49 MB" } }),
    ]);
    expect(shortBytes(512)).toBe("512 B");
    expect(shortBytes(3 * 1024 ** 3)).toBe("3.00 GB");
  });
});

describe("formatComparison", () => {
  it("marks each metric and ends with the verdict", () => {
    const [passed] = compareWithBaseline([result("rego", 100)], [result("rego", 100)], 10, 0);
    const [failed] = compareWithBaseline([result("rego", 100)], [result("rego", 50)], 10, 0);
    if (passed === undefined || failed === undefined) throw new Error("no comparison");
    const ok = formatComparison([passed], 10);
    expect(ok).toContain(
      "=== Baseline Comparison: REGO Engine ===\n\nMetric        Baseline    Current     Delta  Status\n",
    );
    expect(ok).toContain("P99 Latency   1.25ms      1.25ms      +0.0%  ✓\n");
    expect(ok.endsWith("✓ No significant regressions (threshold: 10.0%)\n")).toBe(true);
    const bad = formatComparison([failed], 10);
    expect(bad).toContain("Throughput    100.00/sec  50.00/sec  -50.0%  ✗ REGRESSION\n");
    expect(bad.endsWith("✗ Regressions detected in: Throughput (threshold: 10.0%)\n")).toBe(true);
  });
});
