import { describe, expect, it } from "vitest";
import { parseDocuments } from "../gator/read-documents.js";
import { constraintYaml, templateYaml } from "../gator/test-fixtures.js";
import { benchConcurrently, shareCycles } from "./concurrent-bench.js";

describe("shareCycles", () => {
  it("shares cycles as evenly as can be, giving no worker none", () => {
    expect(shareCycles(10, 4)).toEqual([3, 3, 2, 2]);
    expect(shareCycles(2, 4)).toEqual([1, 1]);
    expect(shareCycles(5, 1)).toEqual([5]);
  });
});

describe("benchConcurrently", () => {
  it("measures every cycle across worker threads, each with its own client", async () => {
    const pods = ["a", "b"]
      .map((n) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${n}\n  namespace: default\nspec: {}\n`)
      .join("---\n");
    const docs = [
      ...parseDocuments(templateYaml({}), "template.yaml"),
      ...parseDocuments(constraintYaml("must-have-owner"), "constraint.yaml"),
      ...parseDocuments(pods, "pods.yaml"),
    ];
    const { result } = await benchConcurrently(docs, "rego", { iterations: 3, warmup: 1, concurrency: 2 });
    expect(result).toMatchObject({
      engine: "rego",
      concurrency: 2,
      objectCount: 2,
      iterations: 3,
      violationCount: 6,
    });
    expect(result.latencies.min).toBeGreaterThan(0);
    expect(result.reviewsPerSecond).toBeGreaterThan(0);
  });
});
