/**
 * Object by object (`review`) against template by template (`reviewAll`) on the audit bench's
 * objects, in one process, alternating page by page (which goes first alternates too), and prints
 * the ratio of their summed times. Both orders must give the same results; the run stops if not.
 * usage: npx tsx bench/compare/review-order.ts   (env: ENGINE, STRIDE=1, PAGE=500, ROUNDS=6)
 */
import type { JsonObject, ReviewOutcome } from "@portcullis/constraint";
import { auditReviews } from "./reviews.js";

const { client, engine, objects, options } = auditReviews(
  new URL("../..", import.meta.url).pathname,
  Number(process.env.STRIDE ?? "1"),
);
const size = Number(process.env.PAGE ?? "500");
const pages: JsonObject[][] = [];
for (let i = 0; i < objects.length; i += size) pages.push(objects.slice(i, i + size));

const byObject = (page: readonly JsonObject[]): ReviewOutcome[] =>
  page.map((o) => ({ response: client.review(o, options) }));
const byTemplate = (page: readonly JsonObject[]): ReviewOutcome[] => client.reviewAll(page, options);
const text = (outcomes: readonly ReviewOutcome[]): string =>
  JSON.stringify(
    outcomes.map((x) =>
      "response" in x ? x.response.results.map((r) => [r.constraint.name, r.msg]) : "error",
    ),
  );

for (const page of pages)
  if (text(byObject(page)) !== text(byTemplate(page))) throw new Error("the two orders disagree");
const rounds = Number(process.env.ROUNDS ?? "6");
const ratios: number[] = [];
let totalObject = 0;
let totalTemplate = 0;
for (let r = 0; r < rounds; r++) {
  let o = 0;
  let t = 0;
  pages.forEach((page, i) => {
    const objectFirst = (i + r) % 2 === 0;
    for (const run of objectFirst ? [byObject, byTemplate] : [byTemplate, byObject]) {
      const start = performance.now();
      run(page);
      const ms = performance.now() - start;
      if (run === byObject) o += ms;
      else t += ms;
    }
  });
  ratios.push(t / o);
  totalObject += o;
  totalTemplate += t;
}
const list = ratios.map((x) => x.toFixed(2)).join(" ");
console.log(
  `${objects.length} objects, pages of ${size}, engine ${engine}: template by template / object by object ${(totalTemplate / totalObject).toFixed(3)} (rounds ${list})`,
);
