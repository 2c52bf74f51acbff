import { resolve } from "node:path";
import type { EngineChoice } from "@portcullis/constraint";
import { Option } from "commander";
import { DEFAULT_CHUNK_SIZE } from "../../audit/object-source.js";
import { CertError } from "../../certs/cert-error.js";
import { DEFAULT_POLICIES_DIR } from "../../serve/default-policies.js";
import { disabledBuiltinNames, unknownBuiltins } from "../../serve/disabled-builtins.js";
import { createLogger } from "../../serve/logger.js";
import { type ServeHandle, type ServeOptions, startServe } from "../../serve/serve.js";
import { describeObjects, ServeAudit, type ServeAuditOptions } from "../../serve/serve-audit.js";
import { MAX_DEFAULT_SERVING_THREADS, servingThreadsHere } from "../../serve/serving-threads.js";
import { applyV8Flags, serveV8Flags } from "../../serve/v8-settings.js";
import { DEFAULT_CLIENT_CN } from "../../webhook/client-auth.js";
import { MAX_BODY_BYTES } from "../../webhook/read-body.js";
import { DEFAULT_MAX_BATCH } from "../../webhook/webhook-server.js";
import { type CliCommand, collect, EXIT_USAGE } from "../command.js";
import { goDurationFlag, UsageError } from "../flag-values.js";
import type { CliIo } from "../io.js";

/** Default `--cert-dir`, relative to the working directory. */
export const DEFAULT_CERT_DIR = ".portcullis/certs";
/** Default `--data-dir` (the violation store), relative to the working directory. */
export const DEFAULT_DATA_DIR = ".portcullis/data";
/** Default `--api-port` of the audit API. */
export const DEFAULT_API_PORT = 8889;
/** Default `--api-host`: the audit API answers on loopback unless asked otherwise. */
export const DEFAULT_API_HOST = "127.0.0.1";

/** Flags of `portcullis serve` as commander gives them. */
export interface ServeFlags {
  readonly policies?: string;
  readonly host?: string;
  readonly port: string;
  readonly healthPort: string;
  readonly metricsPort: string;
  readonly certDir: string;
  readonly certDns: readonly string[];
  readonly tlsMinVersion: "1.2" | "1.3";
  readonly exemptNamespace: readonly string[];
  readonly exemptNamespacePrefix: readonly string[];
  readonly exemptNamespaceSuffix: readonly string[];
  readonly logDenies?: boolean;
  readonly logStatsAdmission?: boolean;
  readonly logStatsAudit?: boolean;
  readonly logLevel: string;
  readonly namespace: string;
  readonly webhookTimeout: string;
  readonly readTimeout: string;
  readonly maxServingThreads: string;
  readonly maxBatchSize: string;
  readonly maxRequestBytes: string;
  readonly watch: boolean;
  /** Keep V8's allocation-site pretenuring, which `serve` turns off. */
  readonly allocationSitePretenuring?: boolean;
  readonly engine: EngineChoice;
  readonly enableGeneratorResourceExpansion: "true" | "false";
  readonly enableK8sNativeValidation: "true" | "false";
  readonly enableReferentialRules: "true" | "false";
  readonly enableExternalData: "true" | "false";
  readonly externalDataProviderResponseCacheTtl: string;
  readonly disableOpaBuiltin: readonly string[];
  readonly disableEnforcementactionValidation?: boolean;
  readonly clientCaName?: string;
  readonly clientCnName: string;
  /** Audit flags; audit (and its API) run only with `objects` or `auditCluster`. */
  readonly objects?: string;
  /** Audit the objects of the kubeconfig's cluster instead of a folder. */
  readonly auditCluster?: boolean;
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly auditMatchKindOnly?: boolean;
  readonly auditInterval?: string;
  readonly constraintViolationsLimit?: string;
  readonly auditChunkSize?: string;
  readonly auditWorkers?: string;
  readonly dataDir?: string;
  readonly apiHost?: string;
  readonly apiPort?: string;
  /** False with `--no-dashboard`. */
  readonly dashboard?: boolean;
}

function integer(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} must be an integer ≥ ${min}, got "${value}"`);
  return n;
}

function seconds(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive number of seconds, got "${value}"`);
  return Math.round(n * 1000);
}

/** A Go duration (`3m`, `90s`, `0`) in whole milliseconds; negative durations are refused. */
function duration(value: string, flag: string): number {
  return Number(goDurationFlag(value, flag) / 1_000_000n);
}

/**
 * The engine templates run on: `--engine`, where `--enable-k8s-native-validation=false`
 * (Gatekeeper's switch for its CEL driver) leaves Rego alone.
 */
function engineOf(flags: ServeFlags): EngineChoice {
  if (flags.enableK8sNativeValidation === "true") return flags.engine;
  if (flags.engine === "cel") throw new UsageError("--engine cel needs --enable-k8s-native-validation=true");
  return "rego";
}

/** Levels `--log-level` takes (pino's), by the names they are given in, Gatekeeper's included. */
const LOG_LEVELS: Readonly<Record<string, string>> = {
  trace: "trace",
  debug: "debug",
  info: "info",
  warn: "warn",
  warning: "warn",
  error: "error",
  fatal: "fatal",
  silent: "silent",
};

/** The logger level for `--log-level`, in any case (Gatekeeper writes `INFO`, `WARNING`). */
export function logLevel(value: string): string {
  const level = LOG_LEVELS[value.toLowerCase()];
  if (level === undefined)
    throw new UsageError(`--log-level must be one of debug, info, warn (warning), error, got "${value}"`);
  return level;
}

/** Turns flags into {@link ServeOptions}; throws on bad values. */
export function serveOptions(flags: ServeFlags, io: CliIo): Omit<ServeOptions, "logger"> {
  return {
    policiesDir: flags.policies !== undefined ? resolve(io.cwd, flags.policies) : DEFAULT_POLICIES_DIR,
    ...(flags.host !== undefined ? { host: flags.host } : {}),
    port: integer(flags.port, "--port", 0),
    healthPort: integer(flags.healthPort, "--health-port", 0),
    metricsPort: integer(flags.metricsPort, "--metrics-port", 0),
    certDir: resolve(io.cwd, flags.certDir),
    certDns: flags.certDns,
    tlsMinVersion: flags.tlsMinVersion === "1.2" ? "TLSv1.2" : "TLSv1.3",
    exemption: {
      names: flags.exemptNamespace,
      prefixes: flags.exemptNamespacePrefix,
      suffixes: flags.exemptNamespaceSuffix,
    },
    logDenies: flags.logDenies === true,
    logStatsAdmission: flags.logStatsAdmission === true,
    namespace: flags.namespace,
    webhookTimeoutMs: seconds(flags.webhookTimeout, "--webhook-timeout"),
    readTimeoutMs: seconds(flags.readTimeout, "--read-timeout"),
    maxServing: integer(flags.maxServingThreads, "--max-serving-threads", 0),
    maxBatch: integer(flags.maxBatchSize, "--max-batch-size", 1),
    maxBodyBytes: integer(flags.maxRequestBytes, "--max-request-bytes", 1),
    watch: flags.watch,
    policySet: {
      engine: engineOf(flags),
      expansion: flags.enableGeneratorResourceExpansion === "true",
      disabledBuiltins: disabledBuiltinNames(flags.disableOpaBuiltin),
      skipEnforcementActionValidation: flags.disableEnforcementactionValidation === true,
      referentialRules: flags.enableReferentialRules === "true",
      externalData: flags.enableExternalData === "true",
    },
    ...(flags.enableExternalData === "true"
      ? {
          externalData: {
            cacheTtlMs: duration(
              flags.externalDataProviderResponseCacheTtl,
              "--external-data-provider-response-cache-ttl",
            ),
          },
        }
      : {}),
    ...(flags.clientCaName !== undefined ? { clientCaName: flags.clientCaName } : {}),
    clientCnName: flags.clientCnName,
  };
}

/**
 * Turns the audit flags into {@link ServeAuditOptions}; undefined without `--objects` (no audit).
 * Throws on bad values.
 */
export function serveAuditOptions(flags: ServeFlags, io: CliIo): ServeAuditOptions | undefined {
  const fromCluster =
    flags.auditCluster === true || flags.kubeconfig !== undefined || flags.context !== undefined;
  if (fromCluster && flags.objects !== undefined)
    throw new Error("give --objects or --audit-cluster (--kubeconfig, --context), not both");
  // Without objects to audit, an explicit --api-port still serves the API and the dashboard.
  if (!fromCluster && flags.objects === undefined && flags.apiPort === undefined) return undefined;
  const cluster = {
    ...(flags.kubeconfig !== undefined ? { kubeconfig: resolve(io.cwd, flags.kubeconfig) } : {}),
    ...(flags.context !== undefined ? { context: flags.context } : {}),
  };
  return {
    objects:
      flags.objects !== undefined
        ? { dir: resolve(io.cwd, flags.objects) }
        : fromCluster
          ? { cluster }
          : { none: true },
    dataDir: resolve(io.cwd, flags.dataDir ?? DEFAULT_DATA_DIR),
    interval: integer(flags.auditInterval ?? "60", "--audit-interval", 0),
    limit: integer(flags.constraintViolationsLimit ?? "20", "--constraint-violations-limit", 0),
    chunkSize: integer(flags.auditChunkSize ?? String(DEFAULT_CHUNK_SIZE), "--audit-chunk-size", 1),
    workers: integer(flags.auditWorkers ?? "1", "--audit-workers", 0),
    apiHost: flags.apiHost ?? DEFAULT_API_HOST,
    apiPort: integer(flags.apiPort ?? String(DEFAULT_API_PORT), "--api-port", 0),
    watch: flags.watch,
    logStats: flags.logStatsAudit === true,
    dashboard: flags.dashboard !== false,
    matchKindOnly: flags.auditMatchKindOnly === true,
  };
}

/** The lines `serve` prints once listening (the first names the webhook URL; with audit, the last the API). */
export function readyLines(
  handle: ServeHandle,
  options: Pick<ServeOptions, "policiesDir">,
  audit?: ServeAudit,
): string[] {
  const local = handle.webhookUrl.replace(/:\d+$/, "");
  const lines = [
    `portcullis serve: listening on ${handle.webhookUrl}/v1/admit`,
    `  policies ${options.policiesDir}; CA ${handle.certificates.dir}/ca.crt`,
    `  health ${local.replace("https:", "http:")}:${handle.ports.health}/readyz; metrics ${local.replace("https:", "http:")}:${handle.ports.metrics}/metrics`,
  ];
  if (audit?.apiUrl !== undefined) {
    const o = audit.options;
    const every = o.interval > 0 ? `every ${o.interval} s` : "off (--audit-interval 0)";
    lines.push(
      "none" in o.objects
        ? `  no audit (give --objects or --audit-cluster); store ${audit.storeFile ?? o.dataDir}`
        : `  audit ${describeObjects(o.objects)} ${every}; store ${audit.storeFile ?? o.dataDir}`,
      `  audit API ${audit.apiUrl}/constraints`,
    );
    if (audit.dashboardUrl !== undefined) lines.push(`  dashboard ${audit.dashboardUrl}`);
  }
  return lines;
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (s: NodeJS.Signals): void => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve(s);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

/**
 * Runs `portcullis serve` until SIGINT/SIGTERM; returns the exit code (1 for bad flags,
 * certificates or policies directory, or a port in use).
 */
export async function runServe(
  flags: ServeFlags,
  io: CliIo,
  until: Promise<unknown> = waitForSignal(),
): Promise<number> {
  let options: Omit<ServeOptions, "logger">;
  let audit: ServeAudit | undefined;
  let level: string;
  try {
    level = logLevel(flags.logLevel);
    options = serveOptions(flags, io);
    const auditOptions = serveAuditOptions(flags, io);
    if (auditOptions !== undefined) audit = new ServeAudit(auditOptions);
  } catch (e: unknown) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`portcullis serve: ${e.message}\n`);
    return EXIT_USAGE;
  }
  applyV8Flags(serveV8Flags(flags.allocationSitePretenuring === true));
  const logger = createLogger(level);
  for (const name of unknownBuiltins(options.policySet?.disabledBuiltins ?? []))
    logger.warn({ builtin: name }, `--disable-opa-builtin: the Rego engine has no builtin ${name}`);
  let handle: ServeHandle;
  try {
    handle = await startServe({ ...options, logger, ...(audit !== undefined ? { audit } : {}) });
  } catch (e: unknown) {
    const message = e instanceof CertError || e instanceof Error ? e.message : String(e);
    io.stderr.write(`portcullis serve: ${message}\n`);
    return EXIT_USAGE;
  }
  io.stdout.write(`${readyLines(handle, options, audit).join("\n")}\n`);
  await until;
  await handle.close();
  return 0;
}

/** `portcullis serve`: the validating admission webhook with health and metrics endpoints, and audit. */
export const serveCommand: CliCommand = {
  name: "serve",
  register(program, context) {
    program
      .command("serve")
      .description(
        "Serve the validating admission webhook (HTTPS), health and Prometheus metrics; with --objects or --audit-cluster, audit and its JSON API",
      )
      .option(
        "--policies <dir>",
        "templates, constraints and Config to enforce (default: the starter policies)",
      )
      .option("--host <address>", "address to listen on (default: all interfaces)")
      .option("--port <port>", "webhook HTTPS port", "8443")
      .option("--health-port <port>", "/healthz and /readyz port", "9090")
      .option("--metrics-port <port>", "Prometheus /metrics port", "8888")
      .option(
        "--cert-dir <dir>",
        "tls.crt/tls.key to serve with; created (with ca.crt) when absent",
        DEFAULT_CERT_DIR,
      )
      .option("--cert-dns <name>", "extra DNS name or IP for a created certificate (repeatable)", collect, [])
      .addOption(
        new Option("--tls-min-version <version>", "minimum TLS version")
          .choices(["1.2", "1.3"])
          .default("1.3"),
      )
      .option(
        "--exempt-namespace <ns>",
        "namespace allowed to carry the ignore label (repeatable)",
        collect,
        [],
      )
      .option(
        "--exempt-namespace-prefix <prefix>",
        "namespace prefix allowed the ignore label (repeatable)",
        collect,
        [],
      )
      .option(
        "--exempt-namespace-suffix <suffix>",
        "namespace suffix allowed the ignore label (repeatable)",
        collect,
        [],
      )
      .option(
        "--client-ca-name <file>",
        "CA bundle in --cert-dir that callers' client certificates must chain to (asks callers for one)",
      )
      .option(
        "--client-cn-name <name>",
        "common name callers' client certificates must have (with --client-ca-name)",
        DEFAULT_CLIENT_CN,
      )
      .option("--log-denies", "log every violation acted on as a JSON line")
      .option(
        "--log-stats-admission",
        "log each admission request's run time and constraint count per template as a JSON line",
      )
      .option(
        "--log-level <level>",
        "log level (debug, info, warn, error; Gatekeeper's DEBUG, INFO, WARNING, ERROR too)",
        "info",
      )
      .option(
        "--namespace <ns>",
        "namespace the webhook runs in (its gatekeeper-admin service account is not reviewed)",
        process.env.POD_NAMESPACE ?? "gatekeeper-system",
      )
      .option("--webhook-timeout <seconds>", "webhook timeout; evaluation is cancelled just before it", "3")
      .option("--read-timeout <seconds>", "time allowed to receive a request (slow clients get 408)", "10")
      .option(
        "--max-serving-threads <n>",
        `worker threads deciding admission requests (0: on the event loop; default one fewer than the CPUs available, at most ${MAX_DEFAULT_SERVING_THREADS})`,
        String(servingThreadsHere()),
      )
      .option(
        "--max-batch-size <n>",
        "most admission requests reviewed together (those that arrive while a batch is decided)",
        String(DEFAULT_MAX_BATCH),
      )
      .option("--max-request-bytes <n>", "largest AdmissionReview accepted", String(MAX_BODY_BYTES))
      .option("--no-watch", "do not reload policies and certificates on change")
      .option(
        "--allocation-site-pretenuring",
        "keep V8's allocation-site pretenuring, which serve turns off (it slows the webhook under load)",
      )
      .addOption(
        new Option("--engine <engine>", "policy engine for templates")
          .choices(["auto", "rego", "cel"])
          .default("auto"),
      )
      .addOption(
        new Option(
          "--enable-referential-rules <bool>",
          "let templates read data.inventory; false refuses those that do",
        )
          .choices(["true", "false"])
          .default("true"),
      )
      .addOption(
        new Option(
          "--enable-external-data <bool>",
          "offer templates external_data and load Provider resources; false refuses templates calling it",
        )
          .choices(["true", "false"])
          .default("true"),
      )
      .option(
        "--external-data-provider-response-cache-ttl <duration>",
        "how long providers' answers are cached (Go duration; 0 turns the cache off)",
        "3m",
      )
      .addOption(
        new Option(
          "--enable-k8s-native-validation <bool>",
          "run templates' CEL (K8sNativeValidation) code; false runs Rego only, as --engine rego",
        )
          .choices(["true", "false"])
          .default("true"),
      )
      .addOption(
        new Option(
          "--enable-generator-resource-expansion <bool>",
          "review what ExpansionTemplates generate from an object along with it",
        )
          .choices(["true", "false"])
          .default("true"),
      )
      .addOption(
        new Option(
          "--disable-opa-builtin <name>",
          "Rego builtin templates may not call; a template calling it is refused (repeatable; `{a,b}` as Gatekeeper's chart writes it)",
        )
          .argParser(collect)
          .default([], "http.send"),
      )
      .option(
        "--disable-enforcementaction-validation",
        "accept constraints with an enforcementAction Gatekeeper does not know (their results are dropped)",
      )
      .option(
        "--objects <dir>",
        "audit this folder of manifests (rescanned, watched); turns on audit and its API",
      )
      .option(
        "--audit-cluster",
        "audit the objects of a cluster instead (read-only; the default kubeconfig); turns on audit and its API",
      )
      .option("--kubeconfig <file>", "with --audit-cluster: the kubeconfig to use")
      .option("--context <name>", "with --audit-cluster: the kubeconfig context to use")
      .option("--audit-interval <seconds>", "seconds between audits (0 = no audits)", "60")
      .option("--log-stats-audit", "log each audited object's run time and constraint count per template")
      .option("--constraint-violations-limit <n>", "violations kept in each constraint's status", "20")
      .option("--audit-chunk-size <n>", "objects per listed page", String(DEFAULT_CHUNK_SIZE))
      .option(
        "--audit-match-kind-only",
        "audit only the kinds the constraints' match names (all when one names none or *)",
      )
      .option(
        "--audit-workers <n>",
        "audit worker threads, and a thread writing the store (0 = both in the webhook's thread)",
        "1",
      )
      .option("--data-dir <dir>", "where the violation store (violations.db) lives", DEFAULT_DATA_DIR)
      .option("--api-host <address>", "address of the audit JSON API", DEFAULT_API_HOST)
      .option(
        "--api-port <port>",
        `port of the audit JSON API (/api/v1/...) and the web dashboard (/) (default: ${DEFAULT_API_PORT}); without --objects or --audit-cluster, serves them alone, with no audits`,
      )
      .option("--no-dashboard", "do not serve the web dashboard beside the audit API")
      .action(async (flags: ServeFlags) => {
        context.setExitCode(await runServe(flags, context.io));
      });
  },
};
