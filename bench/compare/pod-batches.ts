/**
 * The webhook bench's Pod reviews in one process: one request at a time (`review`) against
 * batches reviewed template by template (`reviewBatch`, as `serve` decides them), for batch sizes
 * `SIZES` (default 4,16,32). Checks first that both give the same results, then alternates them
 * pass by pass and prints the ratio of batched to one-by-one time.
 * usage: npx tsx bench/compare/pod-batches.ts   (env: ENGINE, SIZES, ROUNDS)
 */
import { resolve } from "node:path";
import { ENFORCEMENT_POINTS, type ReviewInput } from "@portcullis/constraint";
import { loadPolicySet, newClient } from "../../packages/portcullis/src/audit/index.js";
import { libraryDir, libraryPolicies } from "../audit.js";
import { podReviews, reviewInputs } from "../pod-reviews.js";

const root = resolve(import.meta.dirname, "../..");
const engine = process.env.ENGINE === "rego" || process.env.ENGINE === "cel" ? process.env.ENGINE : "auto";
const client = loadPolicySet(newClient(engine), libraryPolicies(root));
const bodies = podReviews(libraryDir(root));
const options = { enforcementPoint: ENFORCEMENT_POINTS.webhook };

/** What the webhook reviews for each body: its request, parsed and prepared. */
const inputs = (): ReviewInput[] => reviewInputs(bodies);

function oneByOne(): string[] {
  return inputs().map((i) => JSON.stringify(client.review(i, options).results.map((r) => r.msg)));
}

function batched(size: number): string[] {
  const all = inputs();
  const out: string[] = [];
  for (let i = 0; i < all.length; i += size) {
    const items = all.slice(i, i + size).map((subject) => ({ subject, options }));
    for (const o of client.reviewBatch(items))
      out.push("response" in o ? JSON.stringify(o.response.results.map((r) => r.msg)) : String(o.error));
  }
  return out;
}

const sizes = (process.env.SIZES ?? "4,16,32").split(",").map(Number);
const rounds = Number(process.env.ROUNDS ?? "10");
const reference = oneByOne();
for (const size of sizes) {
  if (JSON.stringify(batched(size)) !== JSON.stringify(reference))
    throw new Error(`batches of ${size} give other results than one by one`);
}
for (let i = 0; i < 3; i++) {
  oneByOne();
  for (const size of sizes) batched(size);
}
for (const size of sizes) {
  let single = 0;
  let batch = 0;
  for (let r = 0; r < rounds; r++) {
    const first = r % 2 === 0;
    let t = performance.now();
    if (first) oneByOne();
    else batched(size);
    const d1 = performance.now() - t;
    t = performance.now();
    if (first) batched(size);
    else oneByOne();
    const d2 = performance.now() - t;
    single += first ? d1 : d2;
    batch += first ? d2 : d1;
  }
  const perPod = (ms: number): string => ((ms * 1000) / rounds / bodies.length).toFixed(0);
  console.log(
    `${bodies.length} Pods, batches of ${size}: one by one ${perPod(single)} µs, batched ${perPod(batch)} µs per Pod, ratio ${(batch / single).toFixed(3)}`,
  );
}
