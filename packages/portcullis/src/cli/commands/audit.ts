import { createWriteStream } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { ClusterSource } from "../../audit/cluster-source.js";
import {
  type AuditLogger,
  type AuditProgress,
  type AuditResult,
  auditDocument,
  auditTable,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_VIOLATIONS_LIMIT,
  FolderSource,
  formatDocument,
  isDenyViolation,
  jsonLineLogger,
  loadPolicySet,
  newClient,
  type OutputFormat,
  type Reviewer,
  readPolicies,
  runAudit,
  WorkerPool,
} from "../../audit/index.js";
import { MatchKindOnlySource } from "../../audit/match-kind-only.js";
import type { ObjectSource } from "../../audit/object-source.js";
import { KubeApi, KubeApiError } from "../../kube/kube-api.js";
import { parseConfig } from "../../policies/config-resource.js";
import type { ProcessExcluder } from "../../policies/process-excluder.js";
import { AuditExcludedSource } from "../../serve/excluded-source.js";
import { ViolationStore } from "../../store/index.js";
import { type CliCommand, type CommandContext, EXIT_ERROR } from "../command.js";
import type { CliIo, CliWriter } from "../io.js";

/** Options of `portcullis audit`. */
export interface AuditCommandOptions {
  readonly policies: string;
  /** A folder of manifests; or, with `cluster`, `kubeconfig` or `context`, a cluster's objects. */
  readonly objects?: string;
  /** Audit the cluster of the default kubeconfig (`$KUBECONFIG`, `~/.kube/config`, in-cluster). */
  readonly cluster?: boolean;
  readonly kubeconfig?: string;
  readonly context?: string;
  /** Gatekeeper's `--audit-match-kind-only`: list only the kinds the constraints name. */
  readonly auditMatchKindOnly?: boolean;
  readonly output: OutputFormat;
  readonly constraintViolationsLimit: string;
  readonly auditChunkSize: string;
  readonly workers: string;
  readonly dataDir?: string;
  readonly auditLog?: string;
  /** `--log-stats-audit`: write each object's template run times to the audit log. */
  readonly logStatsAudit?: boolean;
  readonly progress?: boolean;
}

/** Objects from which worker threads pay for their start-up (about 0.3 s each). */
const WORKERS_FROM_OBJECTS = 2000;
/** Exit code when a deny violation exists. */
export const EXIT_DENY = 1;

function count(value: string, name: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new Error(`${name} must be an integer ≥ ${min}, not "${value}"`);
  return Number(value);
}

function progressBar(out: CliWriter): { update: (p: AuditProgress) => void; done: () => void } {
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const t = Date.now();
      if (t - last < 100) return;
      last = t;
      const total = Math.max(p.listed, 1);
      const filled = Math.round((p.reviewed / total) * 30);
      out.write(`\r[${"#".repeat(filled)}${".".repeat(30 - filled)}] ${p.reviewed}/${p.listed} objects`);
      shown = true;
    },
    done() {
      if (shown) out.write(`\r${" ".repeat(60)}\r`);
    },
  };
}

async function withLogger<T>(
  target: string | undefined,
  io: CliIo,
  run: (log: AuditLogger | undefined) => Promise<T>,
): Promise<T> {
  if (target === undefined) return run(undefined);
  if (target === "-") return run(jsonLineLogger((line) => io.stderr.write(line)));
  const stream = createWriteStream(resolve(io.cwd, target), { flags: "a" });
  try {
    return await run(jsonLineLogger((line) => void stream.write(line)));
  } finally {
    await new Promise<void>((done) => stream.end(done));
  }
}

/**
 * Where the audited objects come from: the folder of `--objects`, or the cluster of a kubeconfig
 * (`--cluster`, `--kubeconfig`, `--context`), with the number of objects when known up front;
 * the reason when neither or both are given or the source cannot be read.
 */
function objectSource(
  options: AuditCommandOptions,
  io: CliIo,
): { source: ObjectSource; size: number } | string {
  const fromCluster =
    options.cluster === true || options.kubeconfig !== undefined || options.context !== undefined;
  if (fromCluster === (options.objects !== undefined))
    return "give either --objects, or --cluster (--kubeconfig, --context) to audit a cluster";
  if (options.objects !== undefined) {
    const folder = new FolderSource(resolve(io.cwd, options.objects));
    folder.refresh();
    const problem = folder.problems().find((p) => p.file === folder.path);
    return problem !== undefined ? problem.message : { source: folder, size: folder.size() };
  }
  try {
    const api = KubeApi.connect({
      ...(options.kubeconfig !== undefined ? { kubeconfig: resolve(io.cwd, options.kubeconfig) } : {}),
      ...(options.context !== undefined ? { context: options.context } : {}),
    });
    // A cluster's size is known only once listed: it is audited in this thread unless --workers says.
    return { source: new ClusterSource(api), size: 0 };
  } catch (e: unknown) {
    if (e instanceof KubeApiError) return e.message;
    throw e;
  }
}

/**
 * Runs `portcullis audit`: loads the policies, audits the objects once, prints the result, and
 * records it in the store when `--data-dir` is given. Returns the exit code: 0 clean, 1 when a
 * deny violation exists, 2 when something could not be read.
 */
export async function runAuditCommand(options: AuditCommandOptions, io: CliIo): Promise<number> {
  let limit: number;
  let chunkSize: number;
  let workers: number | undefined;
  try {
    limit = count(options.constraintViolationsLimit, "--constraint-violations-limit", 0);
    chunkSize = count(options.auditChunkSize, "--audit-chunk-size", 1);
    workers = options.workers === "auto" ? undefined : count(options.workers, "--workers", 0);
  } catch (e: unknown) {
    io.stderr.write(`portcullis audit: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_ERROR;
  }
  const client = newClient();
  let excluder: ProcessExcluder | undefined;
  try {
    const policies = readPolicies(resolve(io.cwd, options.policies));
    loadPolicySet(client, policies);
    if (policies.config !== undefined) {
      // Gatekeeper's audit skips the namespaces the Config excludes from process `audit`.
      const parsed = parseConfig(policies.config.doc);
      for (const p of parsed.problems)
        io.stderr.write(`portcullis audit: warning: ${policies.config.file ?? "Config"}: ${p}\n`);
      excluder = parsed.config.excluder;
    }
  } catch (e: unknown) {
    io.stderr.write(`portcullis audit: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_ERROR;
  }
  const objects = objectSource(options, io);
  if (typeof objects === "string") {
    io.stderr.write(`portcullis audit: ${objects}\n`);
    return EXIT_ERROR;
  }
  const narrowed =
    options.auditMatchKindOnly === true
      ? new MatchKindOnlySource(objects.source, () => client.constraints())
      : objects.source;
  const source = excluder === undefined ? narrowed : new AuditExcludedSource(narrowed, () => excluder);
  const size = workers ?? (objects.size >= WORKERS_FROM_OBJECTS ? availableParallelism() : 0);
  const bar = (options.progress ?? process.stderr.isTTY === true) ? progressBar(io.stderr) : undefined;
  let reviewer: Reviewer | undefined;
  let result: AuditResult;
  try {
    if (size > 0) reviewer = await WorkerPool.start({ size });
    result = await withLogger(options.auditLog, io, (logger) =>
      runAudit({
        client,
        source,
        limit,
        chunkSize,
        ...(reviewer !== undefined ? { reviewer } : {}),
        ...(logger !== undefined ? { logger } : {}),
        logStats: options.logStatsAudit === true,
        ...(bar !== undefined ? { onProgress: bar.update } : {}),
      }),
    );
  } catch (e: unknown) {
    io.stderr.write(`portcullis audit: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_ERROR;
  } finally {
    bar?.done();
    await reviewer?.close();
  }
  if (options.output === "table") {
    const actions = new Map(client.constraints().map((c) => [`${c.kind}/${c.name}`, c.enforcement.action]));
    io.stdout.write(auditTable(result, actions));
  } else io.stdout.write(formatDocument(auditDocument(result), options.output));
  for (const p of result.problems) io.stderr.write(`portcullis audit: ${p}\n`);
  if (options.dataDir !== undefined) {
    let store: ViolationStore | undefined;
    try {
      store = ViolationStore.open(resolve(io.cwd, options.dataDir));
      const outcome = store.recordAudit(result);
      io.stderr.write(
        `recorded audit ${result.auditId} in ${store.file}: ${outcome.newViolations} new, ${outcome.resolvedViolations} resolved\n`,
      );
    } catch (e: unknown) {
      io.stderr.write(`portcullis audit: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_ERROR;
    } finally {
      store?.close();
    }
  }
  if (result.problems.length > 0) return EXIT_ERROR;
  return result.violations.some(isDenyViolation) ? EXIT_DENY : 0;
}

/** `portcullis audit --policies DIR --objects DIR`, or `--cluster` for a cluster's objects. */
export const auditCommand: CliCommand = {
  name: "audit",
  register(program: Command, context: CommandContext): void {
    program
      .command("audit")
      .description(
        "Audit a folder of objects, or a cluster's, against templates and constraints, as Gatekeeper's audit does",
      )
      .requiredOption("--policies <path>", "file or folder of ConstraintTemplates and constraints")
      .option("--objects <path>", "file or folder of objects (YAML or JSON manifests)")
      .option(
        "--cluster",
        "audit the objects of a cluster instead (read-only: lists every kind; the default kubeconfig)",
      )
      .option("--kubeconfig <file>", "with --cluster: the kubeconfig to use")
      .option("--context <name>", "with --cluster: the kubeconfig context to use")
      .addOption(
        new Option("-o, --output <format>", "output format")
          .choices(["table", "json", "yaml"])
          .default("table"),
      )
      .option(
        "--constraint-violations-limit <n>",
        "violations kept in each constraint's status",
        String(DEFAULT_VIOLATIONS_LIMIT),
      )
      .option("--audit-chunk-size <n>", "objects per page", String(DEFAULT_CHUNK_SIZE))
      .option(
        "--audit-match-kind-only",
        "list only the kinds the constraints' match names (all when one names none or *)",
      )
      .option(
        "--workers <n>",
        "worker threads (0 = this thread; auto = one per core for large folders)",
        "auto",
      )
      .option("--data-dir <dir>", "record the results in the violation store under this directory")
      .option("--audit-log <file>", "append JSON audit log lines to a file (- for stderr)")
      .option(
        "--log-stats-audit",
        "with --audit-log, also log each object's run time and constraint count per template",
      )
      .option("--progress", "show a progress bar (default: when stderr is a terminal)")
      .option("--no-progress", "never show a progress bar")
      .addHelpText("after", "\nExit codes: 0 no deny violation, 1 a deny violation exists, 2 errors.")
      .action(async (options: AuditCommandOptions) => {
        context.setExitCode(await runAuditCommand(options, context.io));
      });
  },
};
