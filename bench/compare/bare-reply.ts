/**
 * What a longer reply costs the bench's bare `node:https` server: two of them, one answering the
 * canned 170 B reply and one with `PAD` more characters in it (default 3200: the webhook's deny
 * replies to the bench's requests are 3.4 KB on average), loaded in turns as the webhook bench
 * loads its servers. Prints each round's rates and CPU per request.
 * usage: npx tsx bench/compare/bare-reply.ts   (env: PAD=3200, ROUNDS=5, SECONDS=6)
 */
import { resolve } from "node:path";
import { loadSetup } from "../load-setup.js";
import { loadRun, startBare, stop } from "../webhook.js";

const pad = Number(process.env.PAD ?? "3200");
const rounds = Number(process.env.ROUNDS ?? "5");
const seconds = Number(process.env.SECONDS ?? "6");
const { root, certDir, ca, bodies, pinning, close } = loadSetup(
  "bare-reply",
  resolve(import.meta.dirname, "../.."),
);
const short = await startBare(root, certDir, pinning);
const long = await startBare(root, certDir, pinning, pad);
const micros = (ms: number): string => `${(ms * 1000).toFixed(0)} µs`;
try {
  await loadRun(short, ca, bodies, 5);
  await loadRun(long, ca, bodies, 5);
  for (let r = 0; r < rounds; r++) {
    const a = await loadRun(short, ca, bodies, seconds);
    const b = await loadRun(long, ca, bodies, seconds);
    console.log(
      `round ${r}: canned reply ${a.rate.toFixed(0)} req/s ${micros(a.cpuPerRequest)} of CPU per request; ` +
        `${pad} more characters ${b.rate.toFixed(0)} req/s ${micros(b.cpuPerRequest)}`,
    );
  }
} finally {
  await stop(short.child);
  await stop(long.child);
  close();
}
