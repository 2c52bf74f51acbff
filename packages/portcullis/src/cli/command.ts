import type { Command } from "commander";
import type { CliIo } from "./io.js";

/** What a command's action gets: the io to use and a way to set the process's exit code. */
export interface CommandContext {
  readonly io: CliIo;
  setExitCode(code: number): void;
}

/**
 * A top-level subcommand of `portcullis`. Each lives in its own file under `commands/` and is
 * listed in `commands/index.ts`; `register` adds it (and its own subcommands) to the program.
 */
export interface CliCommand {
  readonly name: string;
  register(program: Command, context: CommandContext): void;
}

/** Exit code of a command that could not do its work (OPA's `eval` uses 2 for errors). */
export const EXIT_ERROR = 2;
/** Exit code for bad usage, loading or compile errors before any work is done. */
export const EXIT_USAGE = 1;

/** Collects a repeatable option's values (`-d a -d b`). */
export function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}
