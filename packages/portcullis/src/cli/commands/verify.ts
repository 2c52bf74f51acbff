import { readFileSync } from "node:fs";
import type { EngineChoice } from "@portcullis/constraint";
import type { Command } from "commander";
import { Option } from "commander";
import { ENGINE_CHOICES } from "../../gator/engine-drivers.js";
import { GatorError } from "../../gator/errors.js";
import { countVerify, formatVerify } from "../../gator/format-verify.js";
import { verifySuites } from "../../gator/run-verify.js";
import { listSuiteFiles } from "../../gator/suite-files.js";
import { type CliCommand, type CommandContext, EXIT_USAGE } from "../command.js";
import type { CliIo } from "../io.js";

/** Options of `portcullis verify`. */
export interface VerifyCommandOptions {
  readonly run?: string;
  readonly verbose?: boolean;
  readonly engine: EngineChoice;
  readonly trace?: boolean;
}

/**
 * Runs `portcullis verify PATH` (gator verify): prints the go-test-like report and returns the
 * exit code: 0 when every suite passed, 1 on a failure or an error (named with its file).
 */
export async function runVerify(path: string, options: VerifyCommandOptions, io: CliIo): Promise<number> {
  try {
    const files = listSuiteFiles(path, io.cwd);
    const run = await verifySuites(files, {
      engine: options.engine,
      ...(options.run !== undefined ? { run: options.run } : {}),
      ...(options.trace === true ? { trace: true } : {}),
      read: (p) => readFileSync(p, "utf8"),
    });
    io.stdout.write(`${formatVerify(run.suites, options.verbose === true)}\n`);
    if (run.notes.length > 0) {
      const verbose = options.verbose === true;
      if (verbose) for (const note of run.notes) io.stderr.write(`note: ${note}\n`);
      else
        io.stderr.write(
          `note: ${run.notes.length} test(s) skipped: their templates have no CEL code (--engine cel; -v lists them)\n`,
        );
    }
    const counts = countVerify(run.suites);
    if (counts.suites === 0) {
      io.stderr.write(`error: no Suite files found in ${path}\n`);
      return EXIT_USAGE;
    }
    return counts.failedSuites > 0 ? 1 : 0;
  } catch (e: unknown) {
    if (!(e instanceof GatorError)) throw e;
    io.stderr.write(`error: ${e.message}\n`);
    return EXIT_USAGE;
  }
}

/** `portcullis verify`: gator verify. */
export const verifyCommand: CliCommand = {
  name: "verify",
  register(program: Command, context: CommandContext) {
    program
      .command("verify")
      .description(
        "Run gator Suite files (kind: Suite) of tests on ConstraintTemplates and Constraints, like gator verify",
      )
      .argument("<path>", "a Suite file, a directory, or DIR/... for every Suite below DIR")
      .option("-r, --run <regex>", "run only tests and cases whose names match (test//case)")
      .option("-v, --verbose", "print every test and case, and print() output")
      .option(
        "-t, --trace",
        "trace each case's Rego evaluation: printed for failed cases, and every case with -v",
      )
      .addOption(
        new Option("--engine <engine>", "policy engine: auto (CEL wins when a template has it), rego or cel")
          .choices(ENGINE_CHOICES)
          .default("auto"),
      )
      .addHelpText("after", "\nExit codes: 0 all suites passed, 1 a failure or an error.")
      .action(async (path: string, options: VerifyCommandOptions) => {
        context.setExitCode(await runVerify(path, options, context.io));
      });
  },
};
