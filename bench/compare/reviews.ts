/**
 * The workload `compare.sh` bundles against each build: the audit bench's objects (every
 * `STRIDE`-th, default 5) reviewed against every library template and its sample constraints at
 * the audit enforcement point, in chunks, with engine `ENGINE` (default auto).
 */

import { loadPolicySet, newClient } from "../../packages/portcullis/src/audit/index.js";
import { generateObjects, libraryPolicies } from "../audit.js";

type Engine = "auto" | "rego" | "cel";

function engineFromEnv(): Engine {
  const e = process.env.ENGINE;
  return e === "rego" || e === "cel" ? e : "auto";
}

/** `chunks` functions, each reviewing one slice of the objects; `repoRoot` holds ../shared. */
export function reviewChunks(repoRoot: string, chunks: number): (() => number)[] {
  const client = loadPolicySet(newClient(engineFromEnv()), libraryPolicies(repoRoot));
  const stride = Number(process.env.STRIDE ?? "5");
  const objects = generateObjects().filter((_, i) => i % stride === 0);
  const namespaces = new Map(
    objects
      .filter((o) => o.kind === "Namespace")
      .map((o) => [String((o.metadata as { name: string }).name), o]),
  );
  const size = Math.ceil(objects.length / chunks);
  return Array.from({ length: chunks }, (_, c) => {
    const slice = objects.slice(c * size, (c + 1) * size);
    return () => {
      let results = 0;
      for (const o of slice)
        results += client.review(o, {
          enforcementPoint: "audit.gatekeeper.sh",
          namespaces: (n) => namespaces.get(n),
          source: "Original",
        }).results.length;
      return results;
    };
  });
}
