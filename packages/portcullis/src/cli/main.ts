import { isStackOverflow } from "@portcullis/rego";
import { Command, CommanderError } from "commander";
import { NESTED_TOO_DEEP } from "../rego-tools/errors.js";
import type { CliCommand, CommandContext } from "./command.js";
import { COMMAND_LOADERS } from "./commands/index.js";
import { type CliIo, processIo } from "./io.js";

/** The commands `argv` needs: the one it names, or all of them (for help and unknown names). */
async function loadCommands(argv: readonly string[]): Promise<CliCommand[]> {
  const name = argv.find((a) => !a.startsWith("-"));
  const one = name === undefined ? undefined : COMMAND_LOADERS[name];
  if (one !== undefined) return [await one()];
  return Promise.all(Object.values(COMMAND_LOADERS).map((load) => load()));
}

/**
 * Runs the `portcullis` command line with `argv` (the arguments after the program name) and
 * returns the exit code. Never exits the process and never throws: usage errors, bad files and
 * failed evaluations are reported on `io.stderr`/`io.stdout` with a non-zero code.
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const context: CommandContext = {
    io,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = new Command("portcullis")
    .description("Kubernetes policy controller compatible with OPA Gatekeeper")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError("(run with --help for usage)");
  for (const command of await loadCommands(argv)) command.register(program, context);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e: unknown) {
    if (e instanceof CommanderError) return e.exitCode;
    if (isStackOverflow(e)) {
      io.stderr.write(`portcullis: ${NESTED_TOO_DEEP}\n`);
      return 1;
    }
    io.stderr.write(`portcullis: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  return exitCode;
}
