import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Option } from "commander";
import { stringify } from "yaml";
import {
  VWC_DEFAULTS,
  validatingWebhookConfiguration,
  type WebhookTarget,
} from "../../webhook/webhook-configuration.js";
import { type CliCommand, EXIT_USAGE } from "../command.js";
import type { CliIo } from "../io.js";
import { DEFAULT_CERT_DIR } from "./serve.js";

/** Flags of `portcullis webhook-config`. */
export interface WebhookConfigFlags {
  readonly url?: string;
  readonly serviceName: string;
  readonly serviceNamespace: string;
  readonly servicePort: string;
  readonly caFile?: string;
  readonly certDir: string;
  readonly name: string;
  readonly timeout: string;
  readonly failurePolicy: "Ignore" | "Fail";
  readonly output: "yaml" | "json";
}

/** Prints the ValidatingWebhookConfiguration; returns the exit code (1 when the CA cannot be read or flags are bad). */
export function runWebhookConfig(flags: WebhookConfigFlags, io: CliIo): number {
  const caPath =
    flags.caFile !== undefined
      ? resolve(io.cwd, flags.caFile)
      : join(resolve(io.cwd, flags.certDir), "ca.crt");
  let caPem: string;
  try {
    caPem = readFileSync(caPath, "utf8");
  } catch (e: unknown) {
    io.stderr.write(
      `portcullis webhook-config: cannot read the CA ${caPath}: ${e instanceof Error ? e.message : String(e)}\n` +
        "  (run `portcullis serve` once to create it, or pass --ca-file)\n",
    );
    return EXIT_USAGE;
  }
  const timeout = Number(flags.timeout);
  const port = Number(flags.servicePort);
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 30) {
    io.stderr.write("portcullis webhook-config: --timeout must be an integer from 1 to 30\n");
    return EXIT_USAGE;
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    io.stderr.write("portcullis webhook-config: --service-port must be a port number\n");
    return EXIT_USAGE;
  }
  if (flags.url !== undefined && !flags.url.startsWith("https://")) {
    io.stderr.write("portcullis webhook-config: --url must start with https://\n");
    return EXIT_USAGE;
  }
  const target: WebhookTarget =
    flags.url !== undefined
      ? { url: flags.url }
      : { service: { name: flags.serviceName, namespace: flags.serviceNamespace, port } };
  const doc = validatingWebhookConfiguration({
    target,
    caPem,
    name: flags.name,
    namespace: flags.serviceNamespace,
    timeoutSeconds: timeout,
    failurePolicy: flags.failurePolicy,
  });
  io.stdout.write(flags.output === "json" ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc));
  return 0;
}

/** `portcullis webhook-config`: prints the ValidatingWebhookConfiguration registering the webhook. */
export const webhookConfigCommand: CliCommand = {
  name: "webhook-config",
  register(program, context) {
    program
      .command("webhook-config")
      .description(
        "Print a ValidatingWebhookConfiguration for the webhook (Gatekeeper's defaults, caBundle filled in)",
      )
      .option("--url <url>", "reach the webhook at this base URL (https://host:port) instead of a Service")
      .option("--service-name <name>", "in-cluster Service of the webhook", VWC_DEFAULTS.serviceName)
      .option(
        "--service-namespace <ns>",
        "namespace of the Service (also excluded from review)",
        VWC_DEFAULTS.namespace,
      )
      .option("--service-port <port>", "port of the Service", "443")
      .option("--ca-file <file>", "PEM CA bundle (default: ca.crt in --cert-dir)")
      .option("--cert-dir <dir>", "certificate directory written by serve", DEFAULT_CERT_DIR)
      .option("--name <name>", "metadata.name", VWC_DEFAULTS.name)
      .option("--timeout <seconds>", "timeoutSeconds", String(VWC_DEFAULTS.timeoutSeconds))
      .addOption(
        new Option("--failure-policy <policy>", "failurePolicy of validation.gatekeeper.sh")
          .choices(["Ignore", "Fail"])
          .default("Ignore"),
      )
      .addOption(
        new Option("-o, --output <format>", "output format").choices(["yaml", "json"]).default("yaml"),
      )
      .action((flags: WebhookConfigFlags) => {
        context.setExitCode(runWebhookConfig(flags, context.io));
      });
  },
};
