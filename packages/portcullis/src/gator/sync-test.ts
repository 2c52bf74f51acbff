import {
  arrayAt,
  type JsonObject,
  objectAt,
  objectMeta,
  splitApiVersion,
  stringAt,
} from "@portcullis/constraint";
import { parseConfig } from "../policies/config-resource.js";
import { documentKind } from "./document-kinds.js";
import { GatorError } from "./errors.js";
import type { SourceDocument } from "./read-documents.js";
import {
  type Gvk,
  gvkText,
  parseSyncRequirements,
  SYNC_ANNOTATION,
  type SyncRequirement,
  unmetRequirements,
} from "./sync-requirements.js";

/** What `portcullis sync test` found. */
export interface SyncTestOutcome {
  /** Requirements no synced kind meets, by template name (sorted by name). */
  readonly unmet: ReadonlyMap<string, readonly SyncRequirement[]>;
  /** Templates whose annotation could not be read, by name, with why; when any, nothing is checked. */
  readonly templateErrors: ReadonlyMap<string, string>;
  /** Lines for stdout: documents skipped, the manifest's absence forgiven. */
  readonly notes: readonly string[];
}

function isA(obj: JsonObject, apiGroup: string, kind: string): boolean {
  return splitApiVersion(stringAt(obj, "apiVersion") ?? "").group === apiGroup && obj.kind === kind;
}

/** The kinds a SyncSet syncs: `spec.gvks[]`. */
function syncSetKinds(obj: JsonObject): Gvk[] {
  return (arrayAt(objectAt(obj, "spec"), "gvks") ?? []).map((g: unknown) => ({
    group: stringAt(g, "group") ?? "",
    version: stringAt(g, "version") ?? "",
    kind: stringAt(g, "kind") ?? "",
  }));
}

/** The kinds a GVKManifest says the cluster serves: `spec.groups` as group → version → kinds. */
function manifestKinds(obj: JsonObject): Set<string> {
  const out = new Set<string>();
  const groups = objectAt(objectAt(obj, "spec"), "groups") ?? {};
  for (const g of Object.keys(groups)) {
    const versions = objectAt(groups, g) ?? {};
    for (const [version, kinds] of Object.entries(versions)) {
      if (!Array.isArray(kinds)) continue;
      for (const kind of kinds) if (typeof kind === "string") out.add(gvkText({ group: g, version, kind }));
    }
  }
  return out;
}

/**
 * `gator sync test`: checks every ConstraintTemplate's `requires-sync-data` against the kinds
 * the SyncSets and the Config's `syncOnly` sync, keeping only those a GVKManifest says the
 * cluster serves (or all of them with `omitManifest`). Throws GatorError for two Configs, two
 * manifests, or no manifest without `omitManifest`.
 */
export function syncTest(docs: readonly SourceDocument[], omitManifest: boolean): SyncTestOutcome {
  const synced = new Set<string>();
  const requirements = new Map<string, SyncRequirement[]>();
  const templateErrors = new Map<string, string>();
  const notes: string[] = [];
  let config = false;
  let manifest: Set<string> | undefined;
  for (const { object } of docs) {
    if (isA(object, "syncset.gatekeeper.sh", "SyncSet")) {
      for (const g of syncSetKinds(object)) synced.add(gvkText(g));
    } else if (isA(object, "config.gatekeeper.sh", "Config")) {
      if (config)
        throw new GatorError("invalid_sync", "multiple configs found; Config is a singleton resource");
      config = true;
      for (const g of parseConfig(object).config.syncOnly) synced.add(gvkText(g));
    } else if (documentKind(object) === "template") {
      const annotation = stringAt(objectAt(objectAt(object, "metadata"), "annotations"), SYNC_ANNOTATION);
      const name = objectMeta(object).name;
      try {
        requirements.set(name, annotation === undefined ? [] : parseSyncRequirements(annotation));
      } catch (e: unknown) {
        templateErrors.set(name, e instanceof Error ? e.message : String(e));
      }
    } else if (isA(object, "gvkmanifest.gatekeeper.sh", "GVKManifest")) {
      if (manifest !== undefined)
        throw new GatorError(
          "invalid_sync",
          "multiple GVK manifests found; please provide one manifest enumerating the GVKs supported by the cluster",
        );
      manifest = manifestKinds(object);
    } else {
      notes.push(
        `skipping unstructured "${objectMeta(object).name}" because it is not a syncset, config, gvk manifest, or template`,
      );
    }
  }
  if (templateErrors.size > 0) return { unmet: new Map(), templateErrors: sorted(templateErrors), notes };
  if (manifest === undefined) {
    if (!omitManifest)
      throw new GatorError(
        "invalid_sync",
        "no GVK manifest found; please provide a manifest enumerating the GVKs supported by the cluster",
      );
    notes.push(
      "ignoring absence of supported GVK manifest due to --force-omit-gvk-manifest flag; will assume all synced GVKs are supported by cluster",
    );
  } else {
    for (const g of [...synced]) if (!manifest.has(g)) synced.delete(g);
  }
  const unmet = new Map<string, SyncRequirement[]>();
  for (const [name, reqs] of requirements) {
    const missing = unmetRequirements(reqs, synced);
    if (missing.length > 0) unmet.set(name, missing);
  }
  return { unmet: sorted(unmet), templateErrors, notes };
}

function sorted<V>(m: ReadonlyMap<string, V>): Map<string, V> {
  return new Map([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Unmet requirements as gator prints them: `<template>:` then `- g/v:K OR g/v:K` per requirement. */
export function formatUnmet(unmet: ReadonlyMap<string, readonly SyncRequirement[]>): string {
  let out = "";
  for (const [name, reqs] of unmet)
    out += `${name}:\n${reqs.map((r) => `- ${r.map(gvkText).join(" OR ")}`).join("\n")}\n`;
  return out;
}
