/**
 * Two `portcullis serve` processes with different settings, loaded in alternating autocannon
 * rounds as the webhook bench loads the bare server and the webhook, so the host's drift falls on
 * both alike. Prints each round's rates and CPU per request, and the median ratio B/A of each.
 * usage: npx esbuild … (see compare.sh) or `npx tsx bench/compare/webhook-ab.ts`
 *   env: A_NODE, B_NODE (node flags), A_FLAGS, B_FLAGS (serve flags), A_ROOT, B_ROOT (checkouts to
 *   serve from, each built; default this one), ROUNDS=6, SECONDS=8, WARM=20 (seconds of load on
 *   each before the rounds: the webhook takes 20–30 s of load to reach its steady rate)
 */
import { resolve } from "node:path";
import { loadSetup } from "../load-setup.js";
import { loadRun, type Sample, startWebhook, stop } from "../webhook.js";

const { root, certDir, ca, bodies, pinning, close } = loadSetup(
  "webhook-ab",
  resolve(import.meta.dirname, "../.."),
);
const words = (v: string | undefined): string[] => (v ?? "").split(" ").filter((w) => w !== "");
const rounds = Number(process.env.ROUNDS ?? "6");
const seconds = Number(process.env.SECONDS ?? "8");
const warm = Number(process.env.WARM ?? "20");
const rootOf = (v: string | undefined): string => (v === undefined || v === "" ? root : resolve(v));
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1] ?? Number.NaN;

/** Starts side A or B from its `<side>_ROOT` checkout with its `<side>_NODE` and `<side>_FLAGS`. */
const start = (side: "A" | "B") =>
  startWebhook(
    rootOf(process.env[`${side}_ROOT`]),
    certDir,
    pinning,
    words(process.env[`${side}_NODE`]),
    words(process.env[`${side}_FLAGS`]),
  );
const a = await start("A");
const b = await start("B");
try {
  await loadRun(a, ca, bodies, warm);
  await loadRun(b, ca, bodies, warm);
  const rate: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Both orders, so neither setting always runs first.
    let x: Sample;
    let y: Sample;
    if (r % 2 === 0) {
      x = await loadRun(a, ca, bodies, seconds);
      y = await loadRun(b, ca, bodies, seconds);
    } else {
      y = await loadRun(b, ca, bodies, seconds);
      x = await loadRun(a, ca, bodies, seconds);
    }
    rate.push(y.rate / x.rate);
    cpu.push(y.cpuPerRequest / x.cpuPerRequest);
    console.log(
      `round ${r}: A ${x.rate.toFixed(0)} req/s ${x.cpuPerRequest.toFixed(3)} ms CPU/request; B ${y.rate.toFixed(0)} req/s ${y.cpuPerRequest.toFixed(3)} ms`,
    );
  }
  console.log(
    `B/A: rate ${median(rate).toFixed(3)}, CPU per request ${median(cpu).toFixed(3)} (medians of ${rate.length} rounds)`,
  );
} finally {
  await stop(a.child);
  await stop(b.child);
  close();
}
