import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type ReviewInput, reviewFromAdmissionRequest } from "@portcullis/constraint";
import { parseAllDocuments } from "yaml";
import { makePodReview } from "./fixtures.js";

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith(".yaml")) out.push(path);
  }
  return out;
}

/** The library's sample Pods, each with a 5 KB review's managedFields, wrapped as CREATE reviews. */
export function podReviews(library: string): Buffer[] {
  const out: Buffer[] = [];
  let seed = 0;
  for (const file of walk(library)) {
    if (!file.includes("/samples/") || !/example_[^/]*\.yaml$/.test(file)) continue;
    for (const d of parseAllDocuments(readFileSync(file, "utf8"))) {
      const obj: unknown = d.toJS();
      if (typeof obj !== "object" || obj === null || Array.isArray(obj)) continue;
      const pod = obj as Record<string, unknown>;
      if (pod.kind !== "Pod" || pod.apiVersion !== "v1") continue;
      const base = makePodReview(seed++);
      const baseMeta = (base.request.object as { metadata: Record<string, unknown> }).metadata;
      const meta: Record<string, unknown> = {
        namespace: "default",
        ...(pod.metadata as Record<string, unknown>),
      };
      const object = { ...pod, metadata: { ...meta, managedFields: baseMeta.managedFields } };
      out.push(
        Buffer.from(
          JSON.stringify({
            ...base,
            request: {
              ...base.request,
              uid: `uid-${seed}`,
              name: meta.name,
              namespace: meta.namespace,
              object,
            },
          }),
        ),
      );
    }
  }
  return out;
}

/** AdmissionReview bodies as the client reviews them: each request, parsed and prepared. */
export function reviewInputs(bodies: readonly Buffer[]): ReviewInput[] {
  return bodies.map((body) => {
    const doc = JSON.parse(body.toString("utf8")) as { request: Record<string, unknown> };
    return reviewFromAdmissionRequest(doc.request, { clearNamespaceOfNamespaces: true });
  });
}
