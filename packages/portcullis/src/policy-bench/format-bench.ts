import { stringify } from "yaml";
import { formatGoDuration } from "../rego-tools/go-duration.js";
import { alignRows } from "../text/aligned-rows.js";
import type { BaselineComparison } from "./compare-baseline.js";
import type { BenchResult } from "./run-bench.js";

/** `-o` of `portcullis bench`. */
export type BenchOutputFormat = "table" | "json" | "yaml";

/** The format `-o` names (case-insensitive; empty is the table), or undefined for an unknown one. */
export function benchOutputFormat(text: string | undefined): BenchOutputFormat | undefined {
  const t = (text ?? "").toLowerCase();
  if (t === "" || t === "table") return "table";
  return t === "json" || t === "yaml" ? t : undefined;
}

/** A duration for people, as gator bench shows it: `850ns`, `412.35µs`, `1.25ms`, `2.500s`. */
export function shortDuration(ns: number): string {
  if (ns < 1e3) return `${Math.trunc(ns)}ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)}µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(2)}ms`;
  return `${(ns / 1e9).toFixed(3)}s`;
}

/** Bytes for people, in 1024s as gator bench shows them: `512 B`, `1.50 KB`, `2.25 MB`. */
export function shortBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(2)} KB`;
  return `${Math.trunc(bytes)} B`;
}

const upper = (engine: string): string => engine.toUpperCase();

function resultTable(r: BenchResult): string {
  const sections: string[] = [`=== Benchmark Results: ${upper(r.engine)} Engine ===\n\n`];
  sections.push(
    "Configuration:\n",
    alignRows([
      ["  Templates:", String(r.templateCount)],
      ["  Constraints:", String(r.constraintCount)],
      ["  Objects:", String(r.objectCount)],
      ["  Iterations:", String(r.iterations)],
      ...(r.concurrency !== undefined && r.concurrency > 1
        ? [["  Concurrency:", String(r.concurrency)]]
        : []),
      ["  Total Reviews:", String(r.iterations * r.objectCount)],
    ]),
    "\n",
  );
  const warnings: string[][] = [];
  if (r.skippedTemplates.length > 0)
    warnings.push([
      "  Skipped Templates:",
      `${r.skippedTemplates.length} (${r.skippedTemplates.join(", ")})`,
    ]);
  if (r.skippedConstraints.length > 0)
    warnings.push([
      "  Skipped Constraints:",
      `${r.skippedConstraints.length} (${r.skippedConstraints.join(", ")})`,
    ]);
  if (warnings.length > 0) sections.push("Warnings:\n", alignRows(warnings), "\n");
  const b = r.setupBreakdown;
  sections.push(
    "Timing:\n",
    alignRows([
      ["  Setup Duration:", shortDuration(r.setupDuration)],
      ["    └─ Client Creation:", shortDuration(b.clientCreation)],
      ["    └─ Template Compilation:", shortDuration(b.templateCompilation)],
      ["    └─ Constraint Loading:", shortDuration(b.constraintLoading)],
      ["    └─ Data Loading:", shortDuration(b.dataLoading)],
      ["  Total Duration:", shortDuration(r.totalDuration)],
      ["  Throughput:", `${r.reviewsPerSecond.toFixed(2)} reviews/sec`],
    ]),
    "\n",
  );
  const l = r.latencies;
  sections.push(
    "Latency (per review):\n",
    alignRows([
      ["  Min:", shortDuration(l.min)],
      ["  Max:", shortDuration(l.max)],
      ["  Mean:", shortDuration(l.mean)],
      ["  P50:", shortDuration(l.p50)],
      ["  P95:", shortDuration(l.p95)],
      ["  P99:", shortDuration(l.p99)],
    ]),
    "\n",
    "Results:\n",
    alignRows([["  Violations Found:", String(r.violationCount)]]),
  );
  if (r.memoryStats !== undefined)
    sections.push(
      "\nMemory (V8 heap):\n",
      alignRows([
        ["  Bytes/Review:", shortBytes(r.memoryStats.bytesPerReview)],
        ["  Total Bytes:", shortBytes(r.memoryStats.totalBytes)],
      ]),
    );
  return sections.join("");
}

function enginesTable(results: readonly BenchResult[]): string {
  const row = (name: string, cell: (r: BenchResult) => string): string[] => [name, ...results.map(cell)];
  const table = alignRows([
    row("Metric", (r) => upper(r.engine)),
    row("------", () => "------"),
    row("Templates", (r) => String(r.templateCount)),
    row("Constraints", (r) => String(r.constraintCount)),
    row("Setup Time", (r) => shortDuration(r.setupDuration)),
    row("Throughput", (r) => `${r.reviewsPerSecond.toFixed(2)}/sec`),
    row("Mean Latency", (r) => shortDuration(r.latencies.mean)),
    row("P95 Latency", (r) => shortDuration(r.latencies.p95)),
    row("P99 Latency", (r) => shortDuration(r.latencies.p99)),
    row("Violations", (r) => String(r.violationCount)),
    ...(results.some((r) => r.memoryStats !== undefined)
      ? [
          row("Bytes/Review", (r) =>
            r.memoryStats === undefined ? "-" : shortBytes(r.memoryStats.bytesPerReview),
          ),
        ]
      : []),
  ]);
  let out = `=== Engine Comparison ===\n\n${table}`;
  const [a, b] = results;
  if (
    results.length === 2 &&
    a !== undefined &&
    b !== undefined &&
    a.reviewsPerSecond > 0 &&
    b.reviewsPerSecond > 0
  ) {
    const [fast, slow] = a.reviewsPerSecond >= b.reviewsPerSecond ? [a, b] : [b, a];
    out +=
      fast.reviewsPerSecond === slow.reviewsPerSecond
        ? "\nPerformance: Both engines have similar throughput\n"
        : `\nPerformance: ${upper(fast.engine)} is ${(fast.reviewsPerSecond / slow.reviewsPerSecond).toFixed(2)}x faster than ${upper(slow.engine)}\n`;
  }
  return out;
}

/** Results as `-o json` and `-o yaml` show them: durations as Go prints them, total reviews added. */
function shownResults(results: readonly BenchResult[]): object[] {
  const d = formatGoDuration;
  return results.map((r) => ({
    engine: r.engine,
    templateCount: r.templateCount,
    constraintCount: r.constraintCount,
    objectCount: r.objectCount,
    iterations: r.iterations,
    ...(r.concurrency !== undefined && r.concurrency > 1 ? { concurrency: r.concurrency } : {}),
    totalReviews: r.iterations * r.objectCount,
    setupDuration: d(r.setupDuration),
    setupBreakdown: {
      clientCreation: d(r.setupBreakdown.clientCreation),
      templateCompilation: d(r.setupBreakdown.templateCompilation),
      constraintLoading: d(r.setupBreakdown.constraintLoading),
      dataLoading: d(r.setupBreakdown.dataLoading),
    },
    totalDuration: d(r.totalDuration),
    latencies: {
      min: d(r.latencies.min),
      max: d(r.latencies.max),
      mean: d(r.latencies.mean),
      p50: d(r.latencies.p50),
      p95: d(r.latencies.p95),
      p99: d(r.latencies.p99),
    },
    violationCount: r.violationCount,
    reviewsPerSecond: r.reviewsPerSecond,
    ...(r.memoryStats !== undefined
      ? {
          memoryStats: {
            bytesPerReview: shortBytes(r.memoryStats.bytesPerReview),
            totalBytes: shortBytes(r.memoryStats.totalBytes),
          },
        }
      : {}),
    ...(r.skippedTemplates.length > 0 ? { skippedTemplates: r.skippedTemplates } : {}),
    ...(r.skippedConstraints.length > 0 ? { skippedConstraints: r.skippedConstraints } : {}),
  }));
}

/** The results in the format asked: gator bench's tables (and an engine comparison), JSON or YAML. */
export function formatBenchResults(results: readonly BenchResult[], format: BenchOutputFormat): string {
  if (format === "json") return `${JSON.stringify(shownResults(results), null, 2)}\n`;
  if (format === "yaml") return stringify(shownResults(results));
  const tables = results.map(resultTable).join("\n");
  return results.length > 1 ? `${tables}\n${enginesTable(results)}` : tables;
}

function metricText(name: string, value: number): string {
  if (name.includes("Latency")) return shortDuration(value);
  if (name.includes("Bytes")) return shortBytes(value);
  if (name.includes("Throughput")) return `${value.toFixed(2)}/sec`;
  return value.toFixed(0);
}

/** The comparison with a baseline, one table per engine, each ending with its verdict. */
export function formatComparison(comparisons: readonly BaselineComparison[], threshold: number): string {
  return comparisons
    .map((c) => {
      const rows = [
        ["Metric", "Baseline", "Current", "Delta", "Status"],
        ["------", "--------", "-------", "-----", "------"],
        ...c.metrics.map((m) => [
          m.name,
          metricText(m.name, m.baseline),
          metricText(m.name, m.current),
          `${m.delta >= 0 ? "+" : ""}${m.delta.toFixed(1)}%`,
          m.passed ? "✓" : "✗ REGRESSION",
        ]),
      ];
      const verdict = c.passed
        ? `✓ No significant regressions (threshold: ${threshold.toFixed(1)}%)`
        : `✗ Regressions detected in: ${c.failedMetrics.join(", ")} (threshold: ${threshold.toFixed(1)}%)`;
      return `=== Baseline Comparison: ${upper(c.engine)} Engine ===\n\n${alignRows(rows)}\n${verdict}\n`;
    })
    .join("\n");
}
