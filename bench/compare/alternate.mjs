// Runs two bundles of reviews.ts in one process, alternating them chunk by chunk (which one goes
// first alternates too), and prints the ratio of B's summed wall time to A's, per round and over
// all rounds. Slow changes in the machine's speed hit both alike; an A/A run shows the noise left.
// usage: node alternate.mjs A.mjs B.mjs REPO_ROOT [rounds=5] [chunks=40]
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [fileA, fileB, root] = process.argv.slice(2);
const rounds = Number(process.argv[5] ?? 5);
const chunks = Number(process.argv[6] ?? 40);
const [a, b] = await Promise.all([fileA, fileB].map((f) => import(pathToFileURL(resolve(f)).href)));
const ca = a.reviewChunks(root, chunks);
const cb = b.reviewChunks(root, chunks);
for (let i = 0; i < 3; i++)
  for (let c = 0; c < chunks; c++) {
    ca[c]();
    cb[c]();
  }
const perRound = [];
let totalA = 0;
let totalB = 0;
for (let r = 0; r < rounds; r++) {
  let ta = 0;
  let tb = 0;
  for (let c = 0; c < chunks; c++) {
    const order = (c + r) % 2 === 0 ? [ca[c], cb[c]] : [cb[c], ca[c]];
    const times = order.map((run) => {
      const t = performance.now();
      run();
      return performance.now() - t;
    });
    if (order[0] === ca[c]) {
      ta += times[0];
      tb += times[1];
    } else {
      tb += times[0];
      ta += times[1];
    }
  }
  perRound.push(tb / ta);
  totalA += ta;
  totalB += tb;
}
perRound.sort((x, y) => x - y);
console.log(`B/A ${(totalB / totalA).toFixed(3)} (rounds ${perRound.map((x) => x.toFixed(3)).join(" ")})`);
