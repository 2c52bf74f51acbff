import type { CliCommand } from "../command.js";

/**
 * Every top-level `portcullis` subcommand, by name, loaded only when used (so `verify` does not
 * load the webhook, the store or their dependencies). One line per command file.
 */
export const COMMAND_LOADERS: Readonly<Record<string, () => Promise<CliCommand>>> = {
  audit: async () => (await import("./audit.js")).auditCommand,
  bench: async () => (await import("./bench.js")).benchCommand,
  expand: async () => (await import("./expand.js")).expandCommand,
  rego: async () => (await import("./rego.js")).regoCommand,
  serve: async () => (await import("./serve.js")).serveCommand,
  sync: async () => (await import("./sync.js")).syncCommand,
  test: async () => (await import("./test.js")).testCommand,
  verify: async () => (await import("./verify.js")).verifyCommand,
  violations: async () => (await import("./violations.js")).violationsCommand,
  "webhook-config": async () => (await import("./webhook-config.js")).webhookConfigCommand,
};
