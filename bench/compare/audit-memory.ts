/**
 * The process's RSS across many audits of the audit bench's objects on one pool: after each audit
 * and the peak (sampled every 10 ms), for workers with a young generation of `YOUNG` MiB (0: V8's
 * default; decision 0012). Run it once per size and compare.
 * usage: npx tsx bench/compare/audit-memory.ts   (env: YOUNG=64, WORKERS=2, AUDITS=32)
 */
import { runAudit, WorkerPool } from "../../packages/portcullis/src/audit/index.js";
import { auditWorkload } from "./audit-workload.js";

const root = new URL("../..", import.meta.url).pathname;
const young = Number(process.env.YOUNG ?? "64");
const audits = Number(process.env.AUDITS ?? "32");
const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);

const { client, source, entry } = auditWorkload(root);
const reviewer = await WorkerPool.start({
  size: Number(process.env.WORKERS ?? "2"),
  entry,
  youngGenerationMb: young,
});
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 10);
const after: number[] = [];
for (let i = 0; i < audits; i++) {
  await runAudit({ client, source, reviewer });
  after.push(mib(process.memoryUsage().rss));
}
clearInterval(sampler);
await reviewer.close();
const sorted = [...after].sort((a, b) => a - b);
console.log(
  `young ${young === 0 ? "V8's default" : `${young} MiB`}: RSS after an audit ${sorted[0]}–${sorted.at(-1)} MiB (median ${sorted[sorted.length >> 1]}), peak ${mib(peak)} MiB over ${audits} audits`,
);
