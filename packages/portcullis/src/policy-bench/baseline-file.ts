import { isObject } from "@portcullis/constraint";
import { checkYamlNesting, YamlNestingError } from "@portcullis/rego";
import { parseDocument, stringify } from "yaml";
import { GatorError } from "../gator/errors.js";
import type { ComparableResult } from "./compare-baseline.js";
import type { BenchResult } from "./run-bench.js";

/** True when a path names a YAML file (`.yaml`, `.yml`); anything else is JSON, as gator decides. */
export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/**
 * Results as `gator bench --save` writes them: a list of results whose durations are integer
 * nanoseconds (Go's `time.Duration`), skipped lists left out when empty. A file saved by either
 * tool can serve the other as a baseline.
 */
export function savedResultsText(results: readonly BenchResult[], yaml: boolean): string {
  const saved = results.map((r) => ({
    engine: r.engine,
    templateCount: r.templateCount,
    ...(r.skippedTemplates.length > 0 ? { skippedTemplates: r.skippedTemplates } : {}),
    constraintCount: r.constraintCount,
    ...(r.skippedConstraints.length > 0 ? { skippedConstraints: r.skippedConstraints } : {}),
    objectCount: r.objectCount,
    iterations: r.iterations,
    ...(r.concurrency !== undefined && r.concurrency > 1 ? { concurrency: r.concurrency } : {}),
    setupDuration: r.setupDuration,
    setupBreakdown: r.setupBreakdown,
    totalDuration: r.totalDuration,
    latencies: r.latencies,
    violationCount: r.violationCount,
    reviewsPerSecond: r.reviewsPerSecond,
    ...(r.memoryStats !== undefined ? { memoryStats: r.memoryStats } : {}),
  }));
  return yaml ? stringify(saved) : JSON.stringify(saved, null, 2);
}

function field(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function numberAt(o: Record<string, unknown>, key: string, where: string, file: string): number {
  const v = field(o, key);
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new GatorError("invalid_baseline", `${where}: ${key} must be a number`, { file });
  return v;
}

/**
 * Reads a baseline saved by `portcullis bench --save` or `gator bench --save` (JSON, or YAML
 * when the file is named so): the engine, latencies and throughput of each result. Throws
 * GatorError `invalid_baseline` naming the file (line:col for a syntax error) and what is wrong.
 */
export function parseBaseline(text: string, file: string): ComparableResult[] {
  try {
    checkYamlNesting(text);
  } catch (e: unknown) {
    if (!(e instanceof YamlNestingError)) throw e;
    throw new GatorError("invalid_baseline", `${file}:${e.line}:${e.col}: ${e.message}`, {
      file,
      line: e.line,
      col: e.col,
    });
  }
  const doc = parseDocument(text);
  const err = doc.errors[0];
  if (err !== undefined) {
    const pos = err.linePos?.[0];
    const place = pos === undefined ? file : `${file}:${pos.line}:${pos.col}`;
    const message = (err.message.split("\n")[0] ?? err.message).replace(
      /\s+at line \d+, column \d+:?\s*$/,
      "",
    );
    throw new GatorError("invalid_baseline", `${place}: ${message}`, {
      file,
      ...(pos !== undefined ? { line: pos.line, col: pos.col } : {}),
    });
  }
  const value: unknown = doc.toJS();
  if (!Array.isArray(value))
    throw new GatorError("invalid_baseline", `${file}: a baseline is a list of results, one per engine`, {
      file,
    });
  return value.map((item: unknown, i: number): ComparableResult => {
    const where = `${file}: result ${i + 1}`;
    if (!isObject(item)) throw new GatorError("invalid_baseline", `${where}: not an object`, { file });
    const engine = field(item, "engine");
    if (typeof engine !== "string")
      throw new GatorError("invalid_baseline", `${where}: engine must be a string`, { file });
    const latencies = field(item, "latencies");
    if (!isObject(latencies))
      throw new GatorError("invalid_baseline", `${where}: latencies must be an object`, { file });
    const at = `${where}: latencies`;
    const memory = field(item, "memoryStats");
    const bytes = isObject(memory)
      ? numberAt(memory, "bytesPerReview", `${where}: memoryStats`, file)
      : undefined;
    return {
      engine,
      latencies: {
        p50: numberAt(latencies, "p50", at, file),
        p95: numberAt(latencies, "p95", at, file),
        p99: numberAt(latencies, "p99", at, file),
        mean: numberAt(latencies, "mean", at, file),
      },
      reviewsPerSecond: numberAt(item, "reviewsPerSecond", where, file),
      ...(bytes !== undefined ? { bytesPerReview: bytes } : {}),
    };
  });
}
