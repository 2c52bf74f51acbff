import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { errorMessage, GatorError } from "../../gator/errors.js";
import { readSources } from "../../gator/read-sources.js";
import { isYamlPath, parseBaseline, savedResultsText } from "../../policy-bench/baseline-file.js";
import {
  type ComparableResult,
  comparableResult,
  compareWithBaseline,
} from "../../policy-bench/compare-baseline.js";
import { benchConcurrently } from "../../policy-bench/concurrent-bench.js";
import { benchOutputFormat, formatBenchResults, formatComparison } from "../../policy-bench/format-bench.js";
import { type BenchEngineChoice, benchEngine, runBench } from "../../policy-bench/run-bench.js";
import { type CliCommand, type CommandContext, collect, EXIT_USAGE } from "../command.js";
import { goDurationFlag, UsageError } from "../flag-values.js";
import type { CliIo } from "../io.js";
import { processStdin, type StdinSource } from "./test.js";

/** Iterations below this give a p99 from too few reviews (gator warns likewise). */
const ADVISED_ITERATIONS = 1000;

/** Options of `portcullis bench`, as commander hands them over. */
export interface BenchFlags {
  readonly filename: readonly string[];
  readonly engine: BenchEngineChoice;
  readonly iterations: string;
  readonly warmup: string;
  readonly concurrency: string;
  readonly memory?: boolean;
  readonly output?: string;
  readonly save?: string;
  readonly compare?: string;
  readonly threshold: string;
  readonly minThreshold: string;
}

function wholeNumber(text: string, flag: string, least: number): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < least)
    throw new UsageError(`${flag} must be a whole number of at least ${least}, got "${text}"`);
  return n;
}

function readBaseline(path: string, cwd: string): ComparableResult[] {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), "utf8");
  } catch (e: unknown) {
    throw new GatorError("read_file", `${path}: cannot read the baseline: ${errorMessage(e)}`, {
      file: path,
    });
  }
  return parseBaseline(text, path);
}

/**
 * Runs `portcullis bench` (gator bench): loads the policies and objects, reviews every object
 * `--iterations` times per engine, prints latency and throughput, saves them with `--save` and
 * compares them with a `--compare` baseline. Returns 1 on a regression or an error, else 0.
 */
export async function runBenchCommand(flags: BenchFlags, io: CliIo, stdin: StdinSource): Promise<number> {
  try {
    const format = benchOutputFormat(flags.output);
    if (format === undefined)
      throw new UsageError(`unknown output format "${flags.output ?? ""}": use table, json or yaml`);
    const iterations = wholeNumber(flags.iterations, "--iterations", 1);
    const warmup = wholeNumber(flags.warmup, "--warmup", 0);
    const concurrency = wholeNumber(flags.concurrency, "--concurrency", 1);
    const memory = flags.memory === true;
    const threshold = Number(flags.threshold);
    if (!Number.isFinite(threshold) || threshold < 0 || flags.threshold.trim() === "")
      throw new UsageError(`--threshold must be a percentage of at least 0, got "${flags.threshold}"`);
    const minThreshold = Number(goDurationFlag(flags.minThreshold, "--min-threshold"));
    const baseline = flags.compare === undefined ? undefined : readBaseline(flags.compare, io.cwd);
    if (flags.filename.length === 0 && !stdin.stdinPiped)
      throw new UsageError("give policies and objects with -f (a file, a directory, or - for stdin)");

    if (iterations < ADVISED_ITERATIONS)
      io.stderr.write(
        `warning: ${iterations} iterations give a P99 from few reviews; use at least ${ADVISED_ITERATIONS} for one to rely on\n`,
      );
    if (warmup > iterations)
      io.stderr.write(`warning: --warmup ${warmup} is more than --iterations ${iterations}\n`);

    const { documents } = await readSources(flags.filename, { cwd: io.cwd, ...stdin });
    const outcome = await runBench(documents, flags.engine, (engine) =>
      concurrency > 1
        ? benchConcurrently(documents, engine, { iterations, warmup, memory, concurrency })
        : benchEngine(documents, engine, { iterations, warmup, memory }),
    );
    for (const note of outcome.notes) io.stderr.write(`note: ${note}\n`);
    io.stdout.write(formatBenchResults(outcome.results, format));

    if (flags.save !== undefined) {
      try {
        writeFileSync(resolve(io.cwd, flags.save), savedResultsText(outcome.results, isYamlPath(flags.save)));
      } catch (e: unknown) {
        throw new GatorError("read_file", `${flags.save}: cannot save the results: ${errorMessage(e)}`, {
          file: flags.save,
        });
      }
      io.stderr.write(`results saved to ${flags.save}\n`);
    }
    if (baseline === undefined) return 0;
    const current = outcome.results.map(comparableResult);
    const comparisons = compareWithBaseline(baseline, current, threshold, minThreshold);
    if (comparisons.length === 0) {
      io.stderr.write("warning: the baseline has no result for the engines benchmarked; nothing compared\n");
      return 0;
    }
    io.stdout.write(`\n${formatComparison(comparisons, threshold)}`);
    return comparisons.every((c) => c.passed) ? 0 : 1;
  } catch (e: unknown) {
    if (!(e instanceof GatorError) && !(e instanceof UsageError)) throw e;
    io.stderr.write(`error: ${e.message}\n`);
    if (e instanceof GatorError && e.code === "nothing_to_bench" && flags.engine === "cel")
      io.stderr.write(
        "hint: cel is the default engine, as gator's; -e auto runs every template as the webhook does\n",
      );
    return EXIT_USAGE;
  }
}

/** `portcullis bench` wired to a stdin (tests supply their own). */
export function makeBenchCommand(stdin: () => StdinSource): CliCommand {
  return {
    name: "bench",
    register(program: Command, context: CommandContext) {
      program
        .command("bench")
        .description(
          "Benchmark how fast templates and constraints review objects, like gator bench (exit 1 on a regression against --compare)",
        )
        .option(
          "-f, --filename <path>",
          "file or directory of templates, constraints and the objects to review (.yaml, .yml, .json); - for stdin; repeatable",
          collect,
          [],
        )
        .addOption(
          new Option(
            "-e, --engine <engine>",
            "engine to benchmark: rego, cel, both (all), or auto (CEL wins when a template has it, as the webhook runs)",
          )
            .choices(["rego", "cel", "all", "auto"])
            .default("cel"),
        )
        .option("-n, --iterations <n>", "measured review cycles; each reviews every object once", "1000")
        .option("--warmup <n>", "review cycles run before measuring", "10")
        .option(
          "-c, --concurrency <n>",
          "worker threads reviewing at once, each with its own client (simulates a webhook on several cores)",
          "1",
        )
        .option("--memory", "count the V8 heap bytes the measured reviews allocate (bytes per review)")
        .option("-o, --output <format>", "output format: table, json or yaml", "table")
        .option("--save <file>", "save the results as a baseline (JSON, or YAML for .yaml/.yml)")
        .option("--compare <file>", "compare with a baseline saved by --save (or by gator bench --save)")
        .option("--threshold <percent>", "regression threshold in percent for --compare", "10")
        .option(
          "--min-threshold <duration>",
          "ignore latency regressions smaller than this (a Go duration such as 1ms)",
          "0s",
        )
        .addHelpText(
          "after",
          "\nReviews run one at a time (per worker thread with -c), at the gator enforcement point.\nExit codes: 0 done (no regression), 1 a regression against --compare or an error.",
        )
        .action(async (flags: BenchFlags) => {
          context.setExitCode(await runBenchCommand(flags, context.io, stdin()));
        });
    },
  };
}

/** `portcullis bench`: gator bench. */
export const benchCommand: CliCommand = makeBenchCommand(processStdin);
