/**
 * What each library template costs on the webhook bench's Pod reviews, in one process: a client
 * with only that template and its sample constraints reviews every Pod in batches of 16, as
 * `serve` does; prints the median time per Pod of each template, most expensive first.
 * Rounds go round the templates in turn (one pass of every client per round), so a host that
 * slows down for a while slows every template alike instead of the few timed then.
 * usage: npx tsx bench/compare/webhook-templates.ts   (env: ENGINE, WARM=120, ROUNDS=41, TOP=30)
 */
import { resolve } from "node:path";
import { ENFORCEMENT_POINTS } from "@portcullis/constraint";
import { loadPolicySet, newClient } from "../../packages/portcullis/src/audit/index.js";
import { libraryDir, libraryPolicies, templateKind } from "../audit.js";
import { podReviews, reviewInputs } from "../pod-reviews.js";

const root = resolve(import.meta.dirname, "../..");
const engine = process.env.ENGINE === "rego" || process.env.ENGINE === "cel" ? process.env.ENGINE : "auto";
const warm = Number(process.env.WARM ?? "120");
const rounds = Number(process.env.ROUNDS ?? "41");
const all = libraryPolicies(root);
const bodies = podReviews(libraryDir(root));
const options = { enforcementPoint: ENFORCEMENT_POINTS.webhook };
const inputs = reviewInputs(bodies);

interface Timed {
  readonly kind: string;
  /** Reviews every Pod once; returns the number of results. */
  readonly run: () => number;
  readonly times: number[];
  results: number;
}

const timed: Timed[] = all.templates.map((template) => {
  const kind = templateKind(template.doc);
  const constraints = all.constraints.filter((c) => c.doc.kind === kind);
  const client = loadPolicySet(newClient(engine), { templates: [template], constraints });
  const run = (): number => {
    let results = 0;
    for (let i = 0; i < inputs.length; i += 16)
      for (const o of client.reviewBatch(inputs.slice(i, i + 16).map((subject) => ({ subject, options }))))
        if ("response" in o) results += o.response.results.length;
    return results;
  };
  return { kind, run, times: [], results: 0 };
});

// Warm enough that hot Rego bodies and CEL programs run as generated code.
for (const t of timed) for (let i = 0; i < warm; i++) t.run();
for (let r = 0; r < rounds; r++)
  for (const t of timed) {
    const start = performance.now();
    t.results = t.run();
    t.times.push(performance.now() - start);
  }

const rows = timed.map((t) => {
  const sorted = [...t.times].sort((a, b) => a - b);
  return { kind: t.kind, micros: ((sorted[rounds >> 1] ?? 0) * 1000) / inputs.length, results: t.results };
});
rows.sort((a, b) => b.micros - a.micros);
for (const r of rows.slice(0, Number(process.env.TOP ?? "30")))
  console.log(`${r.kind.padEnd(42)} ${r.micros.toFixed(1).padStart(6)} µs per Pod, ${r.results} results`);
const sum = rows.reduce((n, r) => n + r.micros, 0);
console.log(
  `${rows.length} templates, ${inputs.length} Pods, engine ${engine}: ${sum.toFixed(0)} µs per Pod summed`,
);
