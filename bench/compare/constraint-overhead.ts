/**
 * The fixed cost of one constraint in a review: `N` templates whose one constraint each matches
 * every Pod and never finds a violation (Rego, or CEL with `ENGINE=cel`), reviewing the webhook
 * bench's Pods in batches of 16 with a deadline, as `serve` does. What a review costs then is
 * matching, setting up each evaluation and handing back its (empty) results: what every
 * constraint pays before its template does any work. Prints the median time per review and per
 * constraint over `ROUNDS` passes after `WARM`.
 * usage: npx tsx bench/compare/constraint-overhead.ts   (env: ENGINE=rego|cel, N=48, WARM=300, ROUNDS=200)
 */
import { resolve } from "node:path";
import { ENFORCEMENT_POINTS } from "@portcullis/constraint";
import { loadPolicySet, newClient, type PolicyDoc } from "../../packages/portcullis/src/audit/index.js";
import { libraryDir } from "../audit.js";
import { podReviews, reviewInputs } from "../pod-reviews.js";

const root = resolve(import.meta.dirname, "../..");
const n = Number(process.env.N ?? "48");
const cel = process.env.ENGINE === "cel";
const warm = Number(process.env.WARM ?? "300");
const rounds = Number(process.env.ROUNDS ?? "200");

/** Template `i`: a violation only for objects of kind `Nope`, in the engine asked for. */
function trivialTemplate(i: number): PolicyDoc {
  const kind = `Trivial${i}`;
  const target: Record<string, unknown> = {
    target: "admission.k8s.gatekeeper.sh",
    rego: `package trivial${i}\nviolation[{"msg": "never"}] { input.review.object.kind == "Nope" }`,
  };
  if (cel) {
    target.code = [
      {
        engine: "K8sNativeValidation",
        source: { validations: [{ expression: 'object.kind != "Nope"', message: "never" }] },
      },
    ];
  }
  return {
    file: undefined,
    doc: {
      apiVersion: "templates.gatekeeper.sh/v1",
      kind: "ConstraintTemplate",
      metadata: { name: kind.toLowerCase() },
      spec: { crd: { spec: { names: { kind } } }, targets: [target] },
    },
  };
}

function podConstraint(i: number): PolicyDoc {
  return {
    file: undefined,
    doc: {
      apiVersion: "constraints.gatekeeper.sh/v1beta1",
      kind: `Trivial${i}`,
      metadata: { name: `trivial-${i}` },
      spec: { match: { kinds: [{ apiGroups: [""], kinds: ["Pod"] }] } },
    },
  };
}

const indexes = Array.from({ length: n }, (_, i) => i);
const client = loadPolicySet(newClient("auto"), {
  templates: indexes.map(trivialTemplate),
  constraints: indexes.map(podConstraint),
});
const inputs = reviewInputs(podReviews(libraryDir(root)));

/** One pass over the Pods; µs per review. */
function pass(): number {
  const start = performance.now();
  for (let i = 0; i < inputs.length; i += 16) {
    const options = { enforcementPoint: ENFORCEMENT_POINTS.webhook, deadline: Date.now() + 3000 };
    const out = client.reviewBatch(inputs.slice(i, i + 16).map((subject) => ({ subject, options })));
    for (const o of out)
      if (!("response" in o) || o.response.results.length !== 0)
        throw new Error("a trivial template violated");
  }
  return ((performance.now() - start) * 1000) / inputs.length;
}

for (let i = 0; i < warm; i++) pass();
const times: number[] = [];
for (let i = 0; i < rounds; i++) times.push(pass());
times.sort((a, b) => a - b);
const median = times[times.length >> 1] ?? Number.NaN;
const p10 = times[Math.floor(times.length / 10)] ?? Number.NaN;
console.log(
  `${cel ? "CEL" : "Rego"}, ${n} constraints: ${median.toFixed(1)} µs per review, ` +
    `${(median / n).toFixed(2)} µs per constraint (p10 ${(p10 / n).toFixed(2)})`,
);
