import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED, seedFileFlags } from "../../gator/test-fixtures.js";
import { cli, tempTree } from "../test-support.js";

const SEED_FILES = seedFileFlags("bad-app-policy.yaml", "good-app-policy.yaml");

/** A baseline far faster than any run: every latency 1 ns and a million reviews a second. */
const FAST_BASELINE = JSON.stringify([
  { engine: "rego", latencies: { min: 1, max: 1, mean: 1, p50: 1, p95: 1, p99: 1 }, reviewsPerSecond: 1e9 },
]);

/** `portcullis bench` of the seed scenario with Rego, 20 iterations, and `extra` flags. */
function rego20(...extra: string[]) {
  return cli(SEED, "bench", ...SEED_FILES, "-e", "rego", "-n", "20", ...extra);
}

describe("portcullis bench: the seed scenario", () => {
  const dir = tempTree({ "fast.json": FAST_BASELINE, "broken.yaml": "- engine: rego\n  latencies: [\n" });

  it("reviews both Policies every iteration and prints gator's result table", async () => {
    const r = await cli(SEED, "bench", ...SEED_FILES, "-e", "rego", "-n", "50", "--warmup", "5");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("=== Benchmark Results: REGO Engine ===");
    expect(r.stdout).toContain("  Objects:        2\n");
    expect(r.stdout).toContain("  Total Reviews:  100\n");
    expect(r.stdout).toContain("  Violations Found:  50\n");
    expect(r.stderr).toContain("warning: 50 iterations give a P99 from few reviews");
  });

  it("saves a baseline that a later run compares with, failing on a regression", async () => {
    const saved = join(dir, "seed-baseline.yaml");
    const first = await rego20("--save", saved, "-o", "json");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual([expect.objectContaining({ engine: "rego", totalReviews: 40 })]);
    expect(readFileSync(saved, "utf8")).toMatch(/^- engine: rego\n/);

    const same = await rego20("--compare", saved, "--threshold", "100000");
    expect(same.stdout).toContain("✓ No significant regressions (threshold: 100000.0%)");
    expect(same.code).toBe(0);

    const slower = await rego20("--compare", join(dir, "fast.json"));
    expect(slower.stdout).toContain(
      "✗ Regressions detected in: P50 Latency, P95 Latency, P99 Latency, Mean Latency, Throughput",
    );
    expect(slower.code).toBe(1);

    const forgiven = await rego20("--compare", join(dir, "fast.json"), "--min-threshold", "1h");
    expect(forgiven.stdout).toContain("✗ Regressions detected in: Throughput (threshold: 10.0%)");
  });

  it("counts heap bytes per review with --memory", async () => {
    const r = await rego20("--memory", "-o", "json");
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({
        memoryStats: { bytesPerReview: expect.stringMatching(/ (B|KB)$/), totalBytes: expect.any(String) },
      }),
    ]);
  });

  it("says nothing was compared when the baseline lacks the engine", async () => {
    const r = await cli(
      SEED,
      "bench",
      ...SEED_FILES,
      "-e",
      "auto",
      "-n",
      "5",
      "--compare",
      join(dir, "fast.json"),
    );
    expect(r.stderr).toContain(
      "warning: the baseline has no result for the engines benchmarked; nothing compared",
    );
    expect(r.code).toBe(0);
  });
});

describe("portcullis bench: bad input", () => {
  const dir = tempTree({ "broken.yaml": "- engine: rego\n  latencies: [\n" });

  it.each([
    [["-n", "0"], 'error: --iterations must be a whole number of at least 1, got "0"'],
    [["-c", "0"], 'error: --concurrency must be a whole number of at least 1, got "0"'],
    [["--warmup", "-1"], 'error: --warmup must be a whole number of at least 0, got "-1"'],
    [["--threshold", "ten"], 'error: --threshold must be a percentage of at least 0, got "ten"'],
    [["--min-threshold", "5q"], 'error: --min-threshold: time: unknown unit "q" in duration "5q"'],
    [["-o", "csv"], 'error: unknown output format "csv": use table, json or yaml'],
    [["--compare", "missing.json"], "error: missing.json: cannot read the baseline: ENOENT"],
  ])("refuses %j before benchmarking", async (flags, message) => {
    const r = await cli(SEED, "bench", ...SEED_FILES, ...flags);
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(r.stdout).toBe("");
    expect(r.code).toBe(1);
  });

  it("names the line and column of a baseline it cannot parse", async () => {
    const r = await cli(SEED, "bench", ...SEED_FILES, "--compare", join(dir, "broken.yaml"));
    expect(r.stderr).toMatch(/^error: .*broken\.yaml:3:1: /);
    expect(r.code).toBe(1);
  });

  it("needs templates with code for the engine", async () => {
    const r = await cli(SEED, "bench", ...SEED_FILES, "-n", "5");
    expect(r.stderr).toContain("error: no template has code for the cel engine (all 1 skipped)");
    expect(r.stderr).toContain("hint: cel is the default engine, as gator's; -e auto runs every template");
    expect(r.code).toBe(1);
  });
});
