import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { benchAudit } from "./audit.js";
import { benchRego } from "./rego.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const suites: Record<string, () => Promise<unknown[]>> = {
  rego: () => benchRego(repoRoot),
  verify: async () => (await import("./verify.js")).benchVerify(repoRoot),
  audit: () => benchAudit(repoRoot),
  webhook: async () => (await import("./webhook.js")).benchWebhook(repoRoot),
};

/** `npm run bench -- [suite…]`: runs the named benchmark suites (all when none), one JSON line per goal. */
async function main(argv: string[]): Promise<number> {
  const names = argv.length > 0 ? argv : Object.keys(suites);
  for (const name of names) {
    const run = suites[name];
    if (run === undefined) {
      process.stderr.write(`unknown bench ${name} (known: ${Object.keys(suites).join(", ")})\n`);
      return 2;
    }
    for (const r of await run()) process.stdout.write(`${JSON.stringify(r)}\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
