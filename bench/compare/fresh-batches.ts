/**
 * The webhook's work on the bench's requests in one process of its own: each request parsed
 * afresh, reviewed in batches of 16 as `serve` does; prints the CPU time per request over
 * `PASSES` passes after `WARM` passes (the mean, and the 10th percentile of the passes). For
 * changes whose cost is in the collector, which alternating two builds in one process
 * (compare.sh) shares between them.
 * usage: bundle against a tree's packages (see compare.sh), then `node bundle.mjs`   (env: WARM=40, PASSES=60)
 */
import { resolve } from "node:path";
import { loadPolicySet, newClient } from "../../packages/portcullis/src/audit/index.js";
import { libraryDir, libraryPolicies } from "../audit.js";
import { podReviews, webhookBatch } from "../pod-reviews.js";

const root = resolve(process.env.BENCH_ROOT ?? process.cwd());
const client = loadPolicySet(newClient("auto"), libraryPolicies(root));
const texts = podReviews(libraryDir(root)).map((b) => b.toString("utf8"));
const BATCH = Number(process.env.BATCH ?? "16");

function pass(): void {
  for (let i = 0; i < texts.length; i += BATCH) client.reviewBatch(webhookBatch(texts.slice(i, i + BATCH)));
}

for (let i = 0; i < Number(process.env.WARM ?? "40"); i++) pass();
const passes = Number(process.env.PASSES ?? "60");
const perPass: number[] = [];
for (let i = 0; i < passes; i++) {
  const start = process.cpuUsage();
  pass();
  const used = process.cpuUsage(start);
  perPass.push((used.user + used.system) / texts.length);
}
// Other work on the host only adds time: the fastest passes move least between runs.
const sorted = [...perPass].sort((a, b) => a - b);
const mean = perPass.reduce((a, b) => a + b, 0) / passes;
const p10 = sorted[Math.floor(passes / 10)] ?? Number.NaN;
console.log(
  `${mean.toFixed(1)} µs of CPU per request (mean), ${p10.toFixed(1)} at the 10th percentile of passes`,
);
