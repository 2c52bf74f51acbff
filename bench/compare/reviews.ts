/**
 * The workload `compare.sh` bundles against each build: the audit bench's objects (every
 * `STRIDE`-th, default 5) reviewed against every library template and its sample constraints at
 * the audit enforcement point, in chunks, with engine `ENGINE` (default auto). `WORKLOAD=webhook`
 * reviews the webhook bench's Pods instead, in batches of 16 with a 3 s deadline, as `serve` does.
 */

import type { ConstraintClient, JsonObject, ReviewOptions } from "@portcullis/constraint";
import { loadPolicySet, newClient } from "../../packages/portcullis/src/audit/index.js";
import { generateObjects, libraryDir, libraryPolicies, templateKind } from "../audit.js";
import { podReviews, webhookBatch } from "../pod-reviews.js";

type Engine = "auto" | "rego" | "cel";

function engineFromEnv(): Engine {
  const e = process.env.ENGINE;
  return e === "rego" || e === "cel" ? e : "auto";
}

/** The audit bench's reviews: a client of the whole library, every `stride`-th object, options. */
export interface AuditReviews {
  readonly client: ConstraintClient;
  readonly engine: Engine;
  readonly objects: JsonObject[];
  readonly options: ReviewOptions;
}

/** The library's policies, only the constraint kinds in `KINDS` (comma-separated) when it is set. */
function policiesFromEnv(repoRoot: string): ReturnType<typeof libraryPolicies> {
  const all = libraryPolicies(repoRoot);
  const kinds = process.env.KINDS?.split(",").filter((k) => k !== "");
  if (kinds === undefined || kinds.length === 0) return all;
  return {
    templates: all.templates.filter((t) => kinds.includes(templateKind(t.doc))),
    constraints: all.constraints.filter((c) => kinds.includes(String(c.doc.kind))),
  };
}

/**
 * {@link AuditReviews} with engine `ENGINE` (default auto) and the templates of `KINDS` (default
 * all); `repoRoot` holds ../shared.
 */
export function auditReviews(repoRoot: string, stride: number): AuditReviews {
  const engine = engineFromEnv();
  const client = loadPolicySet(newClient(engine), policiesFromEnv(repoRoot));
  const objects = generateObjects().filter((_, i) => i % stride === 0);
  const namespaces = new Map(
    objects
      .filter((o) => o.kind === "Namespace")
      .map((o) => [String((o.metadata as { name: string }).name), o]),
  );
  const options: ReviewOptions = {
    enforcementPoint: "audit.gatekeeper.sh",
    namespaces: (n) => namespaces.get(n),
    source: "Original",
  };
  return { client, engine, objects, options };
}

/**
 * `chunks` functions, each reviewing one slice of the objects (every `STRIDE`-th, default 5)
 * template by template with `reviewAll`, as the audit does; `ORDER=object` reviews them one by
 * one with `review`.
 */
export function reviewChunks(repoRoot: string, chunks: number): (() => number)[] {
  if (process.env.WORKLOAD === "webhook") return webhookBatches(repoRoot, chunks);
  const { client, objects, options } = auditReviews(repoRoot, Number(process.env.STRIDE ?? "5"));
  const size = Math.ceil(objects.length / chunks);
  return Array.from({ length: chunks }, (_, c) => {
    const slice = objects.slice(c * size, (c + 1) * size);
    return () => {
      let results = 0;
      if (process.env.ORDER === "object") {
        for (const o of slice) results += client.review(o, options).results.length;
        return results;
      }
      for (const outcome of client.reviewAll(slice, options))
        if ("response" in outcome) results += outcome.response.results.length;
      return results;
    };
  });
}

const BATCH = 16;

/**
 * `chunks` batches of the webhook bench's Pod reviews (cycling through them), each parsed afresh
 * and `reviewBatch`ed as `serve` does: nothing cached for one run's objects serves the next, and
 * the collector sees each request's objects die young (decision 0013).
 */
function webhookBatches(repoRoot: string, chunks: number): (() => number)[] {
  const client = loadPolicySet(newClient(engineFromEnv()), policiesFromEnv(repoRoot));
  const texts = podReviews(libraryDir(repoRoot)).map((b) => b.toString("utf8"));
  return Array.from({ length: chunks }, (_, c) => {
    const batch = Array.from({ length: BATCH }, (_, i) => texts[(c * BATCH + i) % texts.length] ?? "{}");
    return () => {
      let results = 0;
      for (const o of client.reviewBatch(webhookBatch(batch)))
        if ("response" in o) results += o.response.results.length;
      return results;
    };
  });
}
