import { type ExplainMode, explainEvents, fromJs, prettyTrace, Tracer, type Value } from "@portcullis/rego";
import type { Command } from "commander";
import { Option } from "commander";
import {
  EVAL_FORMATS,
  type EvalFormat,
  evaluateQuery,
  formatEval,
  formatLoadProblems,
  loadPaths,
  problemText,
  queryVersion,
  readInputFile,
  toProblems,
} from "../../rego-tools/index.js";
import { type CommandContext, collect, EXIT_ERROR, EXIT_USAGE } from "../command.js";
import type { CliIo } from "../io.js";
import { addVersionFlags, VERSION_HELP, type VersionFlags, versionMode } from "./version-flags.js";

/** Options of `rego eval`. */
export interface RegoEvalOptions extends VersionFlags {
  readonly data: readonly string[];
  readonly input?: string;
  readonly format: EvalFormat;
  readonly fail?: boolean;
  readonly failDefined?: boolean;
  readonly strictBuiltinErrors?: boolean;
  readonly explain: ExplainMode | "off";
}

/** `--explain` choices, OPA's names. */
const EXPLAIN_CHOICES = ["off", "full", "notes", "fails"] as const;

/** Adds `rego eval` to the `rego` command. */
export function registerRegoEval(rego: Command, context: CommandContext): void {
  const command = rego
    .command("eval")
    .description("Evaluate a Rego query and print the result (like opa eval)")
    .argument("<query>", "the Rego query")
    .option("-d, --data <path>", "load .rego, .json and .yaml files or directories (repeatable)", collect, [])
    .option("-i, --input <file>", "input document (JSON or YAML)")
    .addOption(new Option("-f, --format <format>", "output format").choices(EVAL_FORMATS).default("json"))
    .option("--fail", "exit 1 when the result is undefined or empty")
    .option("--fail-defined", "exit 1 when the result is defined")
    .option("--strict-builtin-errors", "treat the first builtin error as fatal")
    .addOption(
      new Option(
        "--explain <mode>",
        "print the evaluation's trace: full, or only notes (trace() calls) or failures with the rules that led to them",
      )
        .choices(EXPLAIN_CHOICES)
        .default("off"),
    );
  addVersionFlags(command)
    .addHelpText(
      "after",
      `${VERSION_HELP}\n\nExit codes: 0 ok, 1 --fail/--fail-defined triggered or bad usage, 2 errors.`,
    )
    .action(async (query: string, options: RegoEvalOptions) => {
      context.setExitCode(await runRegoEval(query, options, context.io));
    });
}

/** Runs `rego eval`; returns the exit code (0, 1 for --fail/--fail-defined or usage, 2 for errors). */
export async function runRegoEval(query: string, options: RegoEvalOptions, io: CliIo): Promise<number> {
  const mode = versionMode(options);
  if (mode === undefined) return usage(io, "specify --v0 or --v1 but not both");
  if (options.fail === true && options.failDefined === true)
    return usage(io, "specify --fail or --fail-defined but not both");
  const loaded = await loadPaths(options.data, { cwd: io.cwd, version: mode });
  if (loaded.problems.length > 0) {
    io.stderr.write(`${formatLoadProblems(loaded.problems)}\n`);
    return EXIT_ERROR;
  }
  let input: Value | undefined;
  if (options.input !== undefined) {
    try {
      input = await readInputFile(options.input, io.cwd);
    } catch (e: unknown) {
      io.stderr.write(`${toProblems(e, "input_error").map(problemText).join("\n")}\n`);
      return EXIT_ERROR;
    }
  }
  const tracer = options.explain === "off" ? undefined : new Tracer();
  const outcome = evaluateQuery({
    query,
    modules: loaded.modules,
    data: fromJs(loaded.documents),
    ...(input !== undefined ? { input } : {}),
    version: queryVersion(mode),
    strictBuiltinErrors: options.strictBuiltinErrors === true,
    print: (message) => io.stderr.write(`${message}\n`),
    ...(tracer !== undefined ? { tracer } : {}),
  });
  const explanation =
    tracer === undefined || options.explain === "off"
      ? []
      : prettyTrace(explainEvents(tracer.events, options.explain), { locations: true });
  io.stdout.write(formatEval(outcome, options.format, explanation));
  if (outcome.kind === "errors") return EXIT_ERROR;
  const defined = outcome.results.length > 0;
  if ((options.fail === true && !defined) || (options.failDefined === true && defined)) return 1;
  return 0;
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`error: ${message}\n`);
  return EXIT_USAGE;
}
