/** Policy sets for tests, loaded from temporary `--policies` folders as `serve` loads them. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { PolicySet } from "./policy-set.js";
import { PolicyStore } from "./policy-store.js";

const folders: string[] = [];

/** Loads documents written to one file of a temporary policies folder (see {@link removePolicyFolders}). */
export function loadPolicyDocuments(docs: readonly Record<string, unknown>[]): Promise<PolicySet> {
  const dir = mkdtempSync(join(tmpdir(), "portcullis-test-policies-"));
  folders.push(dir);
  writeFileSync(join(dir, "policies.yaml"), docs.map((d) => stringify(d)).join("---\n"));
  return new PolicyStore(dir).load();
}

/** Removes the folders {@link loadPolicyDocuments} made (call it after each test). */
export function removePolicyFolders(): void {
  for (const d of folders.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A Gatekeeper Config named `config` with `spec`. */
export function configDocument(spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: "config.gatekeeper.sh/v1alpha1", kind: "Config", metadata: { name: "config" }, spec };
}
