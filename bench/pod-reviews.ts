import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  ENFORCEMENT_POINTS,
  type ReviewInput,
  type ReviewItem,
  reviewFromAdmissionRequest,
} from "@portcullis/constraint";
import { parseAllDocuments } from "yaml";
import { makePodReview } from "./fixtures.js";

/** The size performance.md gives G2's requests: "5 KB CREATE AdmissionReviews". */
export const REVIEW_BYTES = 5 * 1024;

/** The managers that write a Pod's fields in turn, as a cluster's managedFields show them. */
const MANAGERS = ["kubectl-client-side-apply", "kube-controller-manager", "helm", "argocd-controller"];

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith(".yaml")) out.push(path);
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The FieldsV1 set of the fields `value` sets: `f:<field>` per field, `k:{"name":…}` per member of
 * a list keyed by name, `.` for a map or keyed member that is itself owned; scalar lists are atomic.
 */
function fieldsV1(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Array.isArray(value)) {
    for (const item of value)
      if (isRecord(item) && typeof item.name === "string")
        out[`k:${JSON.stringify({ name: item.name })}`] = { ".": {}, ...fieldsV1(item) };
    return out;
  }
  if (!isRecord(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const keyed = Array.isArray(v) && v.some((item) => isRecord(item) && typeof item.name === "string");
    out[`f:${key}`] = isRecord(v) ? { ".": {}, ...fieldsV1(v) } : keyed ? fieldsV1(v) : {};
  }
  return out;
}

/**
 * A CREATE AdmissionReview of `pod` (the G1 fixture's request around it) whose managedFields
 * record the Pod's own fields, manager after manager, until the body reaches {@link REVIEW_BYTES}.
 * No library template reads managedFields, so the size changes no decision.
 */
function reviewBody(pod: Record<string, unknown>, seed: number): Buffer {
  const base = makePodReview(seed);
  const meta: Record<string, unknown> = {
    namespace: "default",
    ...(pod.metadata as Record<string, unknown>),
  };
  const owned = fieldsV1({
    metadata: { labels: meta.labels, annotations: meta.annotations },
    spec: pod.spec,
  });
  const managedFields: unknown[] = [];
  const object = { ...pod, metadata: { ...meta, managedFields } };
  const body = (): Buffer =>
    Buffer.from(
      JSON.stringify({
        ...base,
        request: { ...base.request, uid: `uid-${seed}`, name: meta.name, namespace: meta.namespace, object },
      }),
    );
  let out = body();
  for (let i = 0; out.length < REVIEW_BYTES; i++) {
    managedFields.push({
      manager: MANAGERS[i % MANAGERS.length],
      operation: i === 0 ? "Update" : "Apply",
      apiVersion: "v1",
      time: `2026-01-0${1 + (i % 9)}T00:00:00Z`,
      fieldsType: "FieldsV1",
      fieldsV1: owned,
    });
    out = body();
  }
  return out;
}

/**
 * The library's sample Pods as CREATE reviews of at least 5 KB each (see {@link reviewBody}),
 * in the order of their files.
 */
export function podReviews(library: string): Buffer[] {
  const out: Buffer[] = [];
  let seed = 0;
  for (const file of walk(library)) {
    if (!file.includes("/samples/") || !/example_[^/]*\.yaml$/.test(file)) continue;
    for (const d of parseAllDocuments(readFileSync(file, "utf8"))) {
      const obj: unknown = d.toJS();
      if (!isRecord(obj) || obj.kind !== "Pod" || obj.apiVersion !== "v1") continue;
      out.push(reviewBody(obj, seed++));
    }
  }
  return out;
}

/** An AdmissionReview body as the webhook reviews it: its request, parsed and prepared. */
export function reviewInput(body: string): ReviewInput {
  const doc = JSON.parse(body) as { request: Record<string, unknown> };
  return reviewFromAdmissionRequest(doc.request, { clearNamespaceOfNamespaces: true });
}

/** AdmissionReview bodies as the client reviews them: each request, parsed and prepared. */
export function reviewInputs(bodies: readonly Buffer[]): ReviewInput[] {
  return bodies.map((body) => reviewInput(body.toString("utf8")));
}

/**
 * Bodies as `serve` reviews one batch of them: each parsed afresh (so nothing cached for one
 * batch's objects serves the next), at the webhook's enforcement point, with a deadline 3 s out
 * (the webhook's default timeout).
 */
export function webhookBatch(bodies: readonly string[]): ReviewItem[] {
  const options = { enforcementPoint: ENFORCEMENT_POINTS.webhook, deadline: Date.now() + 3000 };
  return bodies.map((body) => ({ subject: reviewInput(body), options }));
}
