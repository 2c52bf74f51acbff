import { describe, expect, it } from "vitest";
import { GatorError } from "../gator/errors.js";
import { isYamlPath, parseBaseline, savedResultsText } from "./baseline-file.js";
import type { BenchResult } from "./run-bench.js";

const RESULT: BenchResult = {
  engine: "rego",
  templateCount: 2,
  skippedTemplates: [],
  constraintCount: 3,
  skippedConstraints: ["orphan"],
  objectCount: 4,
  iterations: 10,
  setupDuration: 5_000_000,
  setupBreakdown: {
    clientCreation: 1000,
    templateCompilation: 4_000_000,
    constraintLoading: 900_000,
    dataLoading: 99_000,
  },
  totalDuration: 40_000_000,
  latencies: { min: 100, max: 9000, mean: 1000, p50: 900, p95: 3000, p99: 8000 },
  violationCount: 7,
  reviewsPerSecond: 1000,
};

function failure(text: string, file: string): GatorError {
  try {
    parseBaseline(text, file);
  } catch (e: unknown) {
    if (e instanceof GatorError) return e;
    throw e;
  }
  throw new Error("expected a GatorError");
}

describe("savedResultsText", () => {
  it("writes durations as integer nanoseconds and leaves empty skipped lists out", () => {
    const saved: unknown = JSON.parse(savedResultsText([RESULT], false));
    expect(saved).toEqual([
      expect.objectContaining({
        engine: "rego",
        skippedConstraints: ["orphan"],
        setupDuration: 5_000_000,
        latencies: RESULT.latencies,
      }),
    ]);
    expect(JSON.stringify(saved)).not.toContain("skippedTemplates");
  });

  it("reads back what it wrote, in JSON and in YAML", () => {
    const expected = [
      { engine: "rego", latencies: { p50: 900, p95: 3000, p99: 8000, mean: 1000 }, reviewsPerSecond: 1000 },
    ];
    expect(parseBaseline(savedResultsText([RESULT], false), "b.json")).toEqual(expected);
    expect(parseBaseline(savedResultsText([RESULT], true), "b.yaml")).toEqual(expected);
  });
});

describe("parseBaseline", () => {
  it("reads heap bytes per review when the baseline counted them (gator's memoryStats)", () => {
    const text = JSON.stringify([
      {
        engine: "cel",
        latencies: { p50: 1, p95: 2, p99: 3, mean: 1 },
        reviewsPerSecond: 9,
        memoryStats: { allocsPerReview: 40, bytesPerReview: 2048 },
      },
    ]);
    expect(parseBaseline(text, "gator.json")).toEqual([
      {
        engine: "cel",
        latencies: { p50: 1, p95: 2, p99: 3, mean: 1 },
        reviewsPerSecond: 9,
        bytesPerReview: 2048,
      },
    ]);
  });

  it("names the file, line and column of a syntax error", () => {
    const e = failure("- engine: cel\n  latencies: [\n", "base.yaml");
    expect(e.code).toBe("invalid_baseline");
    expect(e.message).toMatch(/^base\.yaml:3:1: /);
    expect(e.line).toBe(3);
  });

  it("says which result lacks what", () => {
    expect(failure("{}", "b.json").message).toBe("b.json: a baseline is a list of results, one per engine");
    expect(failure('[{"latencies": {}}]', "b.json").message).toBe(
      "b.json: result 1: engine must be a string",
    );
    expect(failure('[{"engine": "cel", "latencies": {"p50": 1}}]', "b.json").message).toBe(
      "b.json: result 1: latencies: p95 must be a number",
    );
  });
});

describe("isYamlPath", () => {
  it("takes .yaml and .yml as YAML and anything else as JSON", () => {
    expect(isYamlPath("a.yaml")).toBe(true);
    expect(isYamlPath("a.YML")).toBe(true);
    expect(isYamlPath("a.json")).toBe(false);
    expect(isYamlPath("baseline")).toBe(false);
  });
});
