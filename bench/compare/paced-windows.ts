/**
 * When a server's slow answers come under a steady load: `portcullis serve` on the library (or the
 * bench's bare server, `WHICH=bare`) gets 5 s of closed-loop load, 5 s at the rate, then `SECONDS`
 * at the rate measured; prints p50 and p99, then each window of `WINDOW_MS` whose requests were
 * due then and took over `SLOW_MS`, as seconds into the schedule: slow ones of all, and the worst.
 * Answers slow in a few windows point at pauses (collections, compilation); spread ones at queueing.
 * usage: npx tsx bench/compare/paced-windows.ts
 *   env: WHICH=webhook|bare, RATE=1000, SECONDS=10, WINDOW_MS=50, SLOW_MS=10,
 *   NODE_FLAGS (node flags of the server, e.g. --trace-gc-nvp), FLAGS (serve flags)
 */
import { resolve } from "node:path";
import { loadSetup } from "../load-setup.js";
import { pacedRun } from "../paced-load.js";
import type { Pinning } from "../pinning.js";
import { loadRun, startBare, startWebhook, stop } from "../webhook.js";

const words = (v: string | undefined): string[] => (v ?? "").split(" ").filter((w) => w !== "");
const rate = Number(process.env.RATE ?? "1000");
const seconds = Number(process.env.SECONDS ?? "10");
const windowMs = Number(process.env.WINDOW_MS ?? "50");
const slowMs = Number(process.env.SLOW_MS ?? "10");
const nodeFlags = words(process.env.NODE_FLAGS);

const { root, certDir, ca, bodies, pinning, close } = loadSetup(
  "paced-windows",
  resolve(import.meta.dirname, "../.."),
);
/** The bench's pinning, with this run's node flags before the bare server's script. */
const bareWithFlags: Pinning = {
  pinned: pinning.pinned,
  command: (args) => pinning.command([...nodeFlags, ...args]),
};
const server =
  process.env.WHICH === "bare"
    ? await startBare(root, certDir, bareWithFlags)
    : await startWebhook(root, certDir, pinning, nodeFlags, words(process.env.FLAGS));
// What node prints (--trace-gc…) goes on to this process's stderr.
server.child.stdout?.on("data", (d: Buffer) => process.stderr.write(d));
try {
  await loadRun(server, ca, bodies, 5);
  const target = { port: server.port, ca, bodies, connections: 50 };
  await pacedRun(target, 5, rate);
  const answers: { due: number; latency: number }[] = [];
  const s = await pacedRun(
    { ...target, onAnswer: (due, latency) => answers.push({ due, latency }) },
    seconds,
    rate,
  );
  console.log(
    `${rate} req/s asked, ${s.achieved} answered a second; p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms`,
  );
  // Not `Math.min(...)`: a long run's answers are more arguments than a call takes.
  const start = answers.reduce((min, a) => Math.min(min, a.due), Number.POSITIVE_INFINITY);
  const windows = new Map<number, { slow: number; all: number; worst: number }>();
  for (const a of answers) {
    const w = Math.floor((a.due - start) / windowMs);
    const row = windows.get(w) ?? { slow: 0, all: 0, worst: 0 };
    row.all++;
    if (a.latency > slowMs) row.slow++;
    row.worst = Math.max(row.worst, a.latency);
    windows.set(w, row);
  }
  const slow = [...windows].filter(([, r]) => r.slow > 0).sort(([a], [b]) => a - b);
  const slowCount = slow.reduce((n, [, r]) => n + r.slow, 0);
  console.log(
    `${slowCount} of ${answers.length} answers over ${slowMs} ms, in ${slow.length} of ${windows.size} windows of ${windowMs} ms:`,
  );
  for (const [w, r] of slow)
    console.log(
      `  ${((w * windowMs) / 1000).toFixed(2)} s: ${r.slow} of ${r.all}, worst ${r.worst.toFixed(0)} ms`,
    );
} finally {
  await stop(server.child);
  close();
}
