import type { Command } from "commander";
import { GatorError } from "../../gator/errors.js";
import { readSources } from "../../gator/read-sources.js";
import { formatUnmet, syncTest } from "../../gator/sync-test.js";
import { type CliCommand, type CommandContext, collect, EXIT_USAGE } from "../command.js";
import type { CliIo } from "../io.js";
import { processStdin, type StdinSource } from "./test.js";

/** Options of `portcullis sync test` (gator sync test's flags). */
export interface SyncTestOptions {
  readonly filename: readonly string[];
  readonly forceOmitGvkManifest?: boolean;
}

/**
 * Runs `portcullis sync test`: checks that the SyncSets and Config given sync what the templates'
 * `requires-sync-data` annotations ask for. Returns 1 (saying what is missing) when a requirement
 * is unmet, an annotation cannot be read, or the input is wrong; else 0.
 */
export async function runSyncTest(options: SyncTestOptions, io: CliIo, stdin: StdinSource): Promise<number> {
  try {
    const { documents } = await readSources(options.filename, { cwd: io.cwd, ...stdin });
    const outcome = syncTest(documents, options.forceOmitGvkManifest === true);
    for (const note of outcome.notes) io.stdout.write(`${note}\n`);
    if (outcome.templateErrors.size > 0) {
      let text = "";
      for (const [name, message] of outcome.templateErrors) text += `${name}:\n${message}\n`;
      io.stderr.write(`error: encountered errors parsing the following templates: \n${text}`);
      return EXIT_USAGE;
    }
    if (outcome.unmet.size > 0) {
      io.stderr.write(`error: the following requirements were not met: \n${formatUnmet(outcome.unmet)}`);
      return EXIT_USAGE;
    }
    return 0;
  } catch (e: unknown) {
    if (!(e instanceof GatorError)) throw e;
    io.stderr.write(`error: ${e.message}\n`);
    return EXIT_USAGE;
  }
}

/** `portcullis sync …` wired to a stdin (tests supply their own). */
export function makeSyncCommand(stdin: () => StdinSource): CliCommand {
  return {
    name: "sync",
    register(program: Command, context: CommandContext) {
      const sync = program.command("sync").description("Referential data tools, like gator sync");
      sync
        .command("test")
        .description(
          "Check that the SyncSets and Config given sync the kinds the templates' requires-sync-data annotations ask for, like gator sync test",
        )
        .option(
          "-f, --filename <path>",
          "file or directory of templates, SyncSets, a Config and a GVKManifest (.yaml, .yml, .json); - for stdin; repeatable",
          collect,
          [],
        )
        .option(
          "-o, --force-omit-gvk-manifest",
          "do not require a GVKManifest: take every synced kind as served by the cluster",
        )
        .addHelpText("after", "\nExit codes: 0 every requirement met, 1 an unmet requirement or an error.")
        .action(async (options: SyncTestOptions) => {
          context.setExitCode(await runSyncTest(options, context.io, stdin()));
        });
    },
  };
}

/** `portcullis sync`: gator sync. */
export const syncCommand: CliCommand = makeSyncCommand(processStdin);
