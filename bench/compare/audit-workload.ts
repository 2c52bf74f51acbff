/**
 * What the worker-pool comparisons audit: the audit bench's 10,000 objects against the library,
 * with the bundled audit worker (built first, as the bin builds it).
 */
import { resolve } from "node:path";
import type { ConstraintClient } from "@portcullis/constraint";
import { loadPolicySet, MemorySource, newClient } from "../../packages/portcullis/src/audit/index.js";
import { generateObjects, libraryPolicies } from "../audit.js";
import { builtBin } from "../built-bin.js";

/** The client, the objects' source and the worker entry for audits of the audit bench's objects. */
export interface AuditWorkload {
  readonly client: ConstraintClient;
  readonly source: MemorySource;
  /** The bundled `audit-worker.mjs`, for `WorkerPool.start`. */
  readonly entry: string;
}

/** The audit bench's workload, for the checkout at `root` (beside ../shared). */
export function auditWorkload(root: string): AuditWorkload {
  builtBin(root);
  return {
    client: loadPolicySet(newClient(), libraryPolicies(root)),
    source: new MemorySource(generateObjects()),
    entry: resolve(root, "packages/portcullis/dist/bin/audit-worker.mjs"),
  };
}
