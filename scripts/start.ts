/**
 * `npm start`: serves the starter policies (examples/policies) on https://127.0.0.1:8443 with a
 * generated CA in .portcullis/certs, audits the example objects (examples/objects) every minute
 * into the violation store in .portcullis/data, and prints first the webhook URL, the audit API
 * URL, the dashboard URL and a curl command that sends the seed scenario's PERMISSIVE Istio Policy,
 * which the webhook denies. Logs (JSON, with --log-denies) follow on stderr. Ports: PORTCULLIS_PORT,
 * PORTCULLIS_HEALTH_PORT, PORTCULLIS_METRICS_PORT, PORTCULLIS_API_PORT.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_OBJECTS_DIR } from "../packages/portcullis/src/serve/default-objects.js";
import { DEFAULT_POLICIES_DIR } from "../packages/portcullis/src/serve/default-policies.js";
import { curlCommand, permissivePolicyReview } from "../packages/portcullis/src/serve/demo-review.js";
import { createLogger } from "../packages/portcullis/src/serve/logger.js";
import { type ServeHandle, startServe } from "../packages/portcullis/src/serve/serve.js";
import { ServeAudit } from "../packages/portcullis/src/serve/serve-audit.js";
import { servingThreadsHere } from "../packages/portcullis/src/serve/serving-threads.js";
import { MAX_BODY_BYTES } from "../packages/portcullis/src/webhook/read-body.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const work = join(root, ".portcullis");
const certDir = join(work, "certs");
const dataDir = join(work, "data");
const reviewFile = join(work, "permissive-policy-review.json");

/** Log lines held until the URL and command are printed, then written to stderr. */
function heldStderr(): { write(line: string): void; release(): void } {
  let held: string[] | undefined = [];
  return {
    write(line) {
      if (held !== undefined) held.push(line);
      else process.stderr.write(line);
    },
    release() {
      const lines = held ?? [];
      held = undefined;
      for (const l of lines) process.stderr.write(l);
    },
  };
}

function port(name: string, fallback: number): number {
  const n = Number(process.env[name] ?? fallback);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

async function main(): Promise<number> {
  mkdirSync(work, { recursive: true });
  writeFileSync(reviewFile, `${JSON.stringify(permissivePolicyReview(), null, 2)}\n`);
  const logs = heldStderr();
  const audit = new ServeAudit({
    objects: { dir: DEFAULT_OBJECTS_DIR },
    dataDir,
    interval: 60,
    limit: 20,
    workers: 1,
    apiHost: "127.0.0.1",
    apiPort: port("PORTCULLIS_API_PORT", 8889),
  });
  let handle: ServeHandle;
  try {
    handle = await startServe({
      policiesDir: DEFAULT_POLICIES_DIR,
      host: "127.0.0.1",
      port: port("PORTCULLIS_PORT", 8443),
      healthPort: port("PORTCULLIS_HEALTH_PORT", 9090),
      metricsPort: port("PORTCULLIS_METRICS_PORT", 8888),
      certDir,
      certDns: [],
      tlsMinVersion: "TLSv1.3",
      exemption: { names: ["gatekeeper-system"], prefixes: [], suffixes: [] },
      logDenies: true,
      namespace: "gatekeeper-system",
      webhookTimeoutMs: 3000,
      readTimeoutMs: 10000,
      maxServing: servingThreadsHere(),
      maxBodyBytes: MAX_BODY_BYTES,
      logger: createLogger("info", logs),
      audit,
    });
  } catch (e: unknown) {
    logs.release();
    process.stderr.write(`npm start: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const ca = join(certDir, "ca.crt");
  const apiUrl = audit.apiUrl ?? "";
  process.stdout.write(
    [
      `Portcullis webhook: ${handle.webhookUrl}/v1/admit`,
      `Audit API:          ${apiUrl}/constraints  (also ${apiUrl}/violations, ${apiUrl}/audits)`,
      `Dashboard:          ${audit.dashboardUrl ?? ""}  (templates, constraints, violations; try objects at #/review)`,
      "",
      "Send the seed scenario's PERMISSIVE Istio Policy (it is denied with code 403):",
      "",
      `  ${curlCommand(handle.webhookUrl, ca, reviewFile)}`,
      "",
      "The example objects hold that Policy too; the audit reports it (totalViolations: 1):",
      "",
      `  curl -sS '${apiUrl}/violations?kind=Policy'`,
      "",
      `Policies: ${DEFAULT_POLICIES_DIR} (edit them: the server reloads and re-audits)`,
      `Objects:  ${DEFAULT_OBJECTS_DIR} (audited every 60 s and on change; store ${dataDir})`,
      `Health: http://127.0.0.1:${handle.ports.health}/readyz  Metrics: http://127.0.0.1:${handle.ports.metrics}/metrics`,
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
  logs.release();
  await new Promise<void>((done) => {
    process.once("SIGINT", () => done());
    process.once("SIGTERM", () => done());
  });
  await handle.close();
  return 0;
}

process.exitCode = await main();
