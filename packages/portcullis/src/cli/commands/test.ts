import type { EngineChoice } from "@portcullis/constraint";
import type { Command } from "commander";
import { Option } from "commander";
import { ENGINE_CHOICES } from "../../gator/engine-drivers.js";
import { GatorError } from "../../gator/errors.js";
import { evaluateDocuments, isDenyResult } from "../../gator/evaluate-documents.js";
import { formatTestResults, type TestOutputFormat } from "../../gator/format-test-results.js";
import { readSources, type SourceReaders } from "../../gator/read-sources.js";
import { type CliCommand, type CommandContext, collect, EXIT_USAGE } from "../command.js";
import type { CliIo } from "../io.js";

/** Options of `portcullis test`. */
export interface TestOptions {
  readonly filename: readonly string[];
  readonly output?: string;
  readonly engine: EngineChoice;
  readonly denyOnly?: boolean;
  readonly stats?: boolean;
  readonly trace?: boolean;
}

/** Standard input as `portcullis test` reads it. */
export type StdinSource = Pick<SourceReaders, "readStdin" | "stdinPiped">;

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

/** The process's standard input. */
export function processStdin(): StdinSource {
  return { readStdin: readProcessStdin, stdinPiped: !process.stdin.isTTY };
}

function outputFormat(output: string | undefined): TestOutputFormat | undefined {
  const o = (output ?? "").toLowerCase();
  if (o === "json" || o === "yaml") return o;
  return o === "" || o === "default" ? "default" : undefined;
}

/**
 * Runs `portcullis test` (gator test): prints one line per violation (or JSON/YAML) and returns
 * the exit code: 1 when a result denies or on any error (named with its file), else 0.
 */
export async function runTest(options: TestOptions, io: CliIo, stdin: StdinSource): Promise<number> {
  const format = outputFormat(options.output);
  if (format === undefined) {
    io.stderr.write(`error: unknown output format "${options.output ?? ""}": use json or yaml\n`);
    return EXIT_USAGE;
  }
  try {
    const { documents } = await readSources(options.filename, { cwd: io.cwd, ...stdin });
    const outcome = evaluateDocuments(documents, {
      engine: options.engine,
      stats: options.stats === true,
      trace: options.trace === true,
    });
    for (const note of outcome.notes) io.stderr.write(`note: ${note}\n`);
    const shown =
      options.denyOnly === true ? outcome.results.filter((r) => isDenyResult(r.result)) : outcome.results;
    io.stdout.write(formatTestResults(shown, format, outcome.stats, outcome.traces));
    return outcome.results.some((r) => isDenyResult(r.result)) ? 1 : 0;
  } catch (e: unknown) {
    if (!(e instanceof GatorError)) throw e;
    io.stderr.write(`error: ${e.message}\n`);
    return EXIT_USAGE;
  }
}

/** `portcullis test` wired to a stdin (tests supply their own). */
export function makeTestCommand(stdin: () => StdinSource): CliCommand {
  return {
    name: "test",
    register(program: Command, context: CommandContext) {
      program
        .command("test")
        .description(
          "Evaluate objects against ConstraintTemplates and Constraints, like gator test (exit 1 on a deny violation)",
        )
        .option(
          "-f, --filename <path>",
          "file or directory of Kubernetes objects, templates and constraints (.yaml, .yml, .json); - for stdin; repeatable",
          collect,
          [],
        )
        .option("-o, --output <format>", "output format: json or yaml (default: one line per violation)")
        .addOption(
          new Option("--engine <engine>", "policy engine for templates")
            .choices(ENGINE_CHOICES)
            .default("auto"),
        )
        .option("--deny-only", "print only violations whose action is deny")
        .option("--stats", "add each template's run time and constraint count to -o json and yaml output")
        .option(
          "-t, --trace",
          "trace each Rego evaluation (OPA's explain format): each result's trace in -o json and yaml, each object's after its results otherwise",
        )
        .addHelpText(
          "after",
          "\nWith no -f, objects are read from stdin when it is piped.\nExit codes: 0 no deny violation, 1 a deny violation or an error.",
        )
        .action(async (options: TestOptions) => {
          context.setExitCode(await runTest(options, context.io, stdin()));
        });
    },
  };
}

/** `portcullis test`: gator test. */
export const testCommand: CliCommand = makeTestCommand(processStdin);
