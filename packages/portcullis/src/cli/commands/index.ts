/** Every top-level `portcullis` subcommand: one export per command file. */
export { auditCommand } from "./audit.js";
export { regoCommand } from "./rego.js";
export { serveCommand } from "./serve.js";
export { testCommand } from "./test.js";
export { verifyCommand } from "./verify.js";
export { violationsCommand } from "./violations.js";
export { webhookConfigCommand } from "./webhook-config.js";
