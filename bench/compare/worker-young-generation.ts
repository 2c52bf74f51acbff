/**
 * Audit workers with V8's default young generation against workers with `YOUNG` MiB (default
 * 64, decision 0012): one pool of each in one process, full audits of the audit bench's objects
 * alternating between them (which goes first alternates too); prints each pool's median.
 * usage: npx tsx bench/compare/worker-young-generation.ts   (env: YOUNG=64, WORKERS=1, ROUNDS=12)
 */
import { runAudit, WorkerPool } from "../../packages/portcullis/src/audit/index.js";
import { auditWorkload } from "./audit-workload.js";

const root = new URL("../..", import.meta.url).pathname;
const young = Number(process.env.YOUNG ?? "64");
const size = Number(process.env.WORKERS ?? "1");
const rounds = Number(process.env.ROUNDS ?? "12");

const { client, source, entry } = auditWorkload(root);
const pools = [
  await WorkerPool.start({ size, entry, youngGenerationMb: 0 }),
  await WorkerPool.start({ size, entry, youngGenerationMb: young }),
];
const times: number[][] = pools.map(() => []);
for (let r = 0; r <= rounds; r++)
  for (let k = 0; k < pools.length; k++) {
    const i = (k + r) % pools.length;
    const reviewer = pools[i];
    if (reviewer === undefined) continue;
    const start = performance.now();
    await runAudit({ client, source, reviewer });
    if (r > 0) times[i]?.push(performance.now() - start);
  }
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const [base, sized] = times.map(median);
console.log(`default: median ${base?.toFixed(0)} ms; ${young} MiB: median ${sized?.toFixed(0)} ms`);
console.log(`${size} worker(s): ${young} MiB / default ${((sized ?? 0) / (base ?? 1)).toFixed(3)}`);
for (const p of pools) await p.close();
