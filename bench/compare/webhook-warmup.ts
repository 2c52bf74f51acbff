/**
 * How a fresh `portcullis serve` warms up under the webhook bench's load: closed-loop rounds one
 * after another from its start, each round's rate and CPU per request. The webhook takes 20–30 s
 * of load to reach its steady rate (V8 compiling the policies' generated code as it gets hot).
 * usage: npx tsx bench/compare/webhook-warmup.ts   (env: ROUNDS=8, SECONDS=10, NODE_FLAGS)
 */
import { resolve } from "node:path";
import { loadSetup } from "../load-setup.js";
import { loadRun, startWebhook, stop } from "../webhook.js";

const rounds = Number(process.env.ROUNDS ?? "8");
const seconds = Number(process.env.SECONDS ?? "10");
const nodeFlags = (process.env.NODE_FLAGS ?? "").split(" ").filter((f) => f !== "");
const { root, certDir, ca, bodies, pinning, close } = loadSetup(
  "webhook-warmup",
  resolve(import.meta.dirname, "../.."),
);
const server = await startWebhook(root, certDir, pinning, nodeFlags, []);
try {
  for (let r = 0; r < rounds; r++) {
    const s = await loadRun(server, ca, bodies, seconds);
    console.log(
      `${r * seconds}–${(r + 1) * seconds} s: ${s.rate.toFixed(0)} req/s, ` +
        `${s.cpuPerRequest.toFixed(3)} ms of CPU per request, server busy ${s.serverBusy.toFixed(2)}`,
    );
  }
} finally {
  await stop(server.child);
  close();
}
