import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Command, Option } from "commander";
import { columns, formatDocument, type OutputFormat, oneLine } from "../../audit/index.js";
import { STORE_FILE, type ViolationQuery, ViolationStore } from "../../store/index.js";
import { type CliCommand, type CommandContext, EXIT_ERROR } from "../command.js";
import type { CliIo } from "../io.js";

/** Options of `portcullis violations`. */
export interface ViolationsCommandOptions {
  readonly dataDir: string;
  readonly constraint?: string;
  readonly constraintKind?: string;
  readonly namespace?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly action?: string;
  readonly text?: string;
  readonly since?: string;
  readonly until?: string;
  readonly state: "open" | "resolved" | "all";
  readonly limit: string;
  readonly offset: string;
  readonly output: OutputFormat;
}

function time(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${flag}: not an RFC3339 time: "${value}"`);
  return ms;
}

function int(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`${flag} must be a non-negative integer, not "${value}"`);
  return Number(value);
}

/** The query the flags ask for. Throws on a bad value. */
export function queryOf(o: ViolationsCommandOptions): ViolationQuery {
  const since = time(o.since, "--since");
  const until = time(o.until, "--until");
  const strings = {
    ...(o.constraint !== undefined ? { constraint: o.constraint } : {}),
    ...(o.constraintKind !== undefined ? { constraintKind: o.constraintKind } : {}),
    ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
    ...(o.kind !== undefined ? { kind: o.kind } : {}),
    ...(o.name !== undefined ? { name: o.name } : {}),
    ...(o.action !== undefined ? { action: o.action } : {}),
    ...(o.text !== undefined ? { text: o.text } : {}),
  };
  return {
    ...strings,
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    state: o.state,
    limit: int(o.limit, "--limit"),
    offset: int(o.offset, "--offset"),
  };
}

/** Runs `portcullis violations`: queries the store and prints what it holds. */
export function runViolationsCommand(options: ViolationsCommandOptions, io: CliIo): number {
  const dir = resolve(io.cwd, options.dataDir);
  if (!existsSync(join(dir, STORE_FILE))) {
    io.stderr.write(
      `portcullis violations: no violation store in ${dir} (run portcullis audit --data-dir ${options.dataDir})\n`,
    );
    return EXIT_ERROR;
  }
  let store: ViolationStore | undefined;
  try {
    const query = queryOf(options);
    store = ViolationStore.open(dir);
    const page = store.query(query);
    if (options.output !== "table") {
      io.stdout.write(formatDocument(page, options.output));
      return 0;
    }
    const rows = page.violations.map((v) => [
      String(v.id),
      `${v.constraint.kind}/${v.constraint.name}`,
      v.enforcementActions.length > 0
        ? `${v.enforcementAction}(${v.enforcementActions.join(",")})`
        : v.enforcementAction,
      v.object.kind,
      v.object.namespace,
      v.object.name,
      v.firstSeen,
      v.resolvedAt ?? "",
      oneLine(v.message),
    ]);
    io.stdout.write(
      columns(
        ["ID", "CONSTRAINT", "ACTION", "KIND", "NAMESPACE", "NAME", "FIRST SEEN", "RESOLVED", "MESSAGE"],
        rows,
      ),
    );
    io.stdout.write(`\n${page.violations.length} of ${page.total} violations\n`);
    return 0;
  } catch (e: unknown) {
    io.stderr.write(`portcullis violations: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_ERROR;
  } finally {
    store?.close();
  }
}

/** `portcullis violations --data-dir DIR [filters]`. */
export const violationsCommand: CliCommand = {
  name: "violations",
  register(program: Command, context: CommandContext): void {
    program
      .command("violations")
      .description(
        "Query the violation store that audits write (every violation, not only 20 per constraint)",
      )
      .requiredOption("--data-dir <dir>", "directory of the violation store")
      .option("--constraint <name>", "constraint name, or Kind/name")
      .option("--constraint-kind <kind>", "constraint kind")
      .option("-n, --namespace <ns>", "object namespace")
      .option("--kind <kind>", "object kind")
      .option("--name <name>", "object name")
      .option("--action <action>", "enforcement action (deny, dryrun, warn)")
      .option("--text <text>", "text in the message")
      .option("--since <time>", "seen at or after this RFC3339 time")
      .option("--until <time>", "seen at or before this RFC3339 time")
      .addOption(
        new Option("--state <state>", "open, resolved or all")
          .choices(["open", "resolved", "all"])
          .default("open"),
      )
      .option("--limit <n>", "at most this many", "100")
      .option("--offset <n>", "skip this many", "0")
      .addOption(
        new Option("-o, --output <format>", "output format")
          .choices(["table", "json", "yaml"])
          .default("table"),
      )
      .action((options: ViolationsCommandOptions) => {
        context.setExitCode(runViolationsCommand(options, context.io));
      });
  },
};
