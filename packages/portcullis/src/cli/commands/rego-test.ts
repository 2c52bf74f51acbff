import { compileGoRegexp, type GoRegexp } from "@portcullis/constraint";
import { EXPLAIN_MODES, type ExplainMode, fromJs } from "@portcullis/rego";
import type { Command } from "commander";
import { Option } from "commander";
import {
  DEFAULT_TEST_TIMEOUT_MS,
  formatJsonReport,
  formatLoadProblems,
  formatPrettyReport,
  formatProblems,
  loadPaths,
  parseGoDuration,
  problemText,
  queryVersion,
  runTestSuite,
  testExitCode,
  toProblems,
} from "../../rego-tools/index.js";
import { type CommandContext, EXIT_USAGE } from "../command.js";
import type { CliIo } from "../io.js";
import { addVersionFlags, VERSION_HELP, type VersionFlags, versionMode } from "./version-flags.js";

/** Options of `rego test`. */
export interface RegoTestOptions extends VersionFlags {
  readonly verbose?: boolean;
  readonly run?: string;
  readonly format: "pretty" | "json";
  readonly timeout?: string;
  readonly exitZeroOnSkipped?: boolean;
  readonly explain?: ExplainMode;
}

/** Adds `rego test` to the `rego` command. */
export function registerRegoTest(rego: Command, context: CommandContext): void {
  const command = rego
    .command("test")
    .description("Run Rego tests: rules named test_* (todo_test_* are skipped), like opa test")
    .argument("<path...>", "files or directories of .rego (and .json/.yaml data) files")
    .option("-v, --verbose", "report every test, not only failures")
    .option("-r, --run <regex>", "run only tests whose data.pkg.name matches the regular expression")
    .addOption(
      new Option("-f, --format <format>", "output format").choices(["pretty", "json"]).default("pretty"),
    )
    .option("-t, --timeout <duration>", "timeout of each test (Go duration, default 5s)")
    .option("-z, --exit-zero-on-skipped", "skipped tests do not make the exit code non-zero")
    .addOption(
      new Option(
        "--explain <mode>",
        "with -v, trace the failed tests (fails), or every test's notes or whole evaluation",
      )
        .choices(EXPLAIN_MODES)
        .default("fails"),
    );
  addVersionFlags(command)
    .addHelpText(
      "after",
      `${VERSION_HELP}\n\nExit codes: 0 all passed, 1 load or compile errors, 2 a test did not pass.`,
    )
    .action(async (paths: string[], options: RegoTestOptions) => {
      context.setExitCode(await runRegoTest(paths, options, context.io));
    });
}

/** Runs `rego test`; returns the exit code (0 all passed, 1 load/compile/usage errors, 2 failures). */
export async function runRegoTest(
  paths: readonly string[],
  options: RegoTestOptions,
  io: CliIo,
): Promise<number> {
  const mode = versionMode(options);
  if (mode === undefined) return usage(io, "specify --v0 or --v1 but not both");
  let filter: GoRegexp | undefined;
  let timeoutMs = DEFAULT_TEST_TIMEOUT_MS;
  try {
    if (options.run !== undefined) filter = compileGoRegexp(options.run);
    if (options.timeout !== undefined) timeoutMs = parseGoDuration(options.timeout);
  } catch (e: unknown) {
    return usage(io, toProblems(e, "usage_error").map(problemText).join("\n"));
  }
  const loaded = await loadPaths(paths, { cwd: io.cwd, version: mode });
  if (loaded.problems.length > 0) {
    io.stderr.write(`${formatLoadProblems(loaded.problems)}\n`);
    return EXIT_USAGE;
  }
  const outcome = runTestSuite({
    modules: loaded.modules,
    data: fromJs(loaded.documents),
    ...(filter !== undefined ? { filter } : {}),
    version: queryVersion(mode),
    timeoutMs,
    // Traces are printed with -v only, as opa test prints them.
    ...(options.verbose === true && options.format !== "json" ? { explain: options.explain ?? "fails" } : {}),
  });
  if (outcome.kind === "errors") {
    io.stderr.write(`${formatProblems(outcome.errors)}\n`);
    return EXIT_USAGE;
  }
  const report =
    options.format === "json"
      ? formatJsonReport(outcome.results)
      : formatPrettyReport(outcome.results, options.verbose === true, options.explain ?? "fails");
  io.stdout.write(report);
  return testExitCode(outcome.results, options.exitZeroOnSkipped === true);
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`error: ${message}\n`);
  return EXIT_USAGE;
}
