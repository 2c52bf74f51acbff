import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fromJs, Policy } from "@portcullis/rego";
import { parse } from "yaml";
import { makePodReview } from "./fixtures.js";
import { type Comparison, compare } from "./protocol.js";

/** The library's k8srequiredlabels Rego, read from ../shared at run time. */
function requiredLabelsRego(repoRoot: string): string {
  const path = resolve(
    repoRoot,
    "../shared/conformance/gatekeeper-library/library/general/requiredlabels/template.yaml",
  );
  const doc = parse(readFileSync(path, "utf8")) as {
    spec: { targets: { rego?: string; code?: { engine: string; source: { rego?: string } }[] }[] };
  };
  const target = doc.spec.targets[0];
  const rego = target?.rego ?? target?.code?.find((c) => c.engine === "Rego")?.source.rego;
  if (rego === undefined) throw new Error(`${path}: no rego`);
  return rego;
}

/** The hand-written JS check doing what the policy does (the native floor). */
function jsRequiredLabels(input: {
  review: { object: { metadata: { labels?: Record<string, string> } } };
  parameters: { labels: { key: string; allowedRegex?: string }[]; message?: string };
}): { msg: string }[] {
  const labels = input.review.object.metadata.labels ?? {};
  const out: { msg: string }[] = [];
  const missing: string[] = [];
  for (const l of input.parameters.labels) if (!Object.hasOwn(labels, l.key)) missing.push(l.key);
  if (missing.length > 0) {
    out.push({
      msg:
        input.parameters.message ??
        `you must provide labels: {${missing.map((m) => JSON.stringify(m)).join(", ")}}`,
    });
  }
  for (const l of input.parameters.labels) {
    const v = labels[l.key];
    if (v !== undefined && l.allowedRegex && !new RegExp(l.allowedRegex).test(v)) {
      out.push({ msg: `Label <${l.key}: ${v}> does not satisfy allowed regex: ${l.allowedRegex}` });
    }
  }
  return out;
}

/** G1: prepared evaluation of k8srequiredlabels against a 5 KB Pod review, vs the JS floor and JSON.parse. */
export async function benchRego(repoRoot: string): Promise<Comparison[]> {
  const policy = new Policy({
    modules: [{ file: "k8srequiredlabels.rego", text: requiredLabelsRego(repoRoot) }],
    regoVersion: 0,
  });
  const query = policy.prepare("x = data.k8srequiredlabels.violation", { regoVersion: 0 });
  const review = makePodReview(0);
  const reviewText = JSON.stringify(review);
  const input = {
    review: review.request,
    parameters: { labels: [{ key: "owner" }, { key: "team", allowedRegex: "^[a-z]+$" }] },
  };
  const regoInput = fromJs(input);
  const sanity = query.eval({ input: regoInput });
  if (sanity.length !== 1) throw new Error("k8srequiredlabels: expected one result row");
  const rego = { name: "rego", op: () => query.eval({ input: regoInput }) };
  const jsInput = {
    review: { object: { metadata: { labels: { app: "web", tier: "frontend", team: "payments" } } } },
    parameters: input.parameters,
  };
  const js = { name: "js", op: () => jsRequiredLabels(jsInput) };
  const parseJson = { name: "JSON.parse", op: () => JSON.parse(reviewText) };
  return [
    await compare("G1 rego k8srequiredlabels / hand-written JS", js, rego, { target: 20 }),
    await compare("G1 rego k8srequiredlabels / JSON.parse of the review", parseJson, rego, { target: 0.25 }),
  ];
}
