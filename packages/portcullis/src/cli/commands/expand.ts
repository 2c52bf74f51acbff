import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { errorMessage, GatorError } from "../../gator/errors.js";
import { expandDocuments } from "../../gator/expand-documents.js";
import { type ExpandFormat, formatExpanded } from "../../gator/format-expanded.js";
import { readSources } from "../../gator/read-sources.js";
import { type CliCommand, type CommandContext, collect, EXIT_USAGE } from "../command.js";
import type { CliIo } from "../io.js";
import { processStdin, type StdinSource } from "./test.js";

/** Options of `portcullis expand` (gator expand's flags). */
export interface ExpandOptions {
  readonly filename: readonly string[];
  readonly format?: string;
  readonly outputfile?: string;
}

function expandFormat(text: string | undefined): ExpandFormat | undefined {
  const t = text ?? "";
  if (t === "" || t === "yaml") return "yaml";
  return t === "json" ? "json" : undefined;
}

/**
 * Runs `portcullis expand` (gator expand): prints (or writes to `--outputfile`) every object the
 * ExpansionTemplates among the input generate. Returns 1 on an error, else 0.
 */
export async function runExpand(options: ExpandOptions, io: CliIo, stdin: StdinSource): Promise<number> {
  const format = expandFormat(options.format);
  if (format === undefined) {
    io.stderr.write(
      `error: unrecognized value for format flag: ${options.format ?? ""} (use yaml or json)\n`,
    );
    return EXIT_USAGE;
  }
  try {
    const { documents } = await readSources(options.filename, { cwd: io.cwd, ...stdin });
    const { resultants, notes } = expandDocuments(documents);
    for (const note of notes) io.stderr.write(`note: ${note}\n`);
    const output = formatExpanded(resultants, format);
    if (options.outputfile === undefined) {
      io.stdout.write(`${output}\n`);
      return 0;
    }
    io.stdout.write(`Writing output to file: ${options.outputfile}\n`);
    try {
      writeFileSync(resolve(io.cwd, options.outputfile), output);
    } catch (e: unknown) {
      throw new GatorError("read_file", `${options.outputfile}: cannot write: ${errorMessage(e)}`, {
        file: options.outputfile,
      });
    }
    return 0;
  } catch (e: unknown) {
    if (!(e instanceof GatorError)) throw e;
    io.stderr.write(`error: ${e.message}\n`);
    return EXIT_USAGE;
  }
}

/** `portcullis expand` wired to a stdin (tests supply their own). */
export function makeExpandCommand(stdin: () => StdinSource): CliCommand {
  return {
    name: "expand",
    register(program: Command, context: CommandContext) {
      program
        .command("expand")
        .description(
          "Print the objects ExpansionTemplates generate from the objects given (a Deployment's Pod), like gator expand",
        )
        .option(
          "-n, --filename <path>",
          "file or directory of ExpansionTemplates and objects (.yaml, .yml, .json); - for stdin; repeatable",
          collect,
          [],
        )
        .option("-f, --format <format>", "output format: yaml (default) or json")
        .option("-o, --outputfile <file>", "write the output to this file instead (overwritten)")
        .addHelpText(
          "after",
          "\nThe flags are gator expand's (-n for files, -f for the format). Mutators are not applied:\nPortcullis has no mutation yet, and says so for each one given.\nExit codes: 0 done, 1 an error.",
        )
        .action(async (options: ExpandOptions) => {
          context.setExitCode(await runExpand(options, context.io, stdin()));
        });
    },
  };
}

/** `portcullis expand`: gator expand. */
export const expandCommand: CliCommand = makeExpandCommand(processStdin);
