import {
  ExpansionError,
  ExpansionSystem,
  type GroupVersionKind,
  type JsonObject,
  objectMeta,
  splitApiVersion,
  stringAt,
} from "@portcullis/constraint";
import { compareStrings } from "@portcullis/rego";
import { documentKind } from "./document-kinds.js";
import { errorMessage, GatorError } from "./errors.js";
import type { SourceDocument } from "./read-documents.js";

/** Mutator kinds of `mutations.gatekeeper.sh`, which `gator expand` applies and Portcullis cannot yet. */
const MUTATOR_KINDS = new Set(["Assign", "AssignMetadata", "ModifySet", "AssignImage"]);

/** What `portcullis expand` found: the generated objects, and remarks for stderr. */
export interface ExpandOutcome {
  /** Every object the ExpansionTemplates generate, in gator's order (see {@link sortResultants}). */
  readonly resultants: readonly JsonObject[];
  readonly notes: readonly string[];
}

function where(doc: SourceDocument): string {
  return doc.line === undefined ? doc.file : `${doc.file}:${doc.line}`;
}

/** An object's group, version and kind, from its `apiVersion` and `kind`. */
export function objectKind(obj: JsonObject): GroupVersionKind {
  return { ...splitApiVersion(stringAt(obj, "apiVersion") ?? ""), kind: stringAt(obj, "kind") ?? "" };
}

/** gator expand's order: by name, apiVersion and kind run together, descending (byte order). */
export function sortResultants(objects: readonly JsonObject[]): JsonObject[] {
  const key = (o: JsonObject): string =>
    `${objectMeta(o).name}${stringAt(o, "apiVersion") ?? ""}${stringAt(o, "kind") ?? ""}`;
  return [...objects].sort((a, b) => compareStrings(key(b), key(a)));
}

/**
 * `gator expand`: adds every ExpansionTemplate among `docs`, then expands every document (any
 * object may be a generator), and what it generates in turn. Mutators are noted, not applied:
 * Portcullis has no mutation. Throws GatorError naming the file and line of a bad template or of
 * an object that cannot be expanded.
 */
export function expandDocuments(docs: readonly SourceDocument[]): ExpandOutcome {
  const system = new ExpansionSystem();
  const notes: string[] = [];
  for (const doc of docs) {
    if (documentKind(doc.object) !== "expansion") continue;
    try {
      system.add(doc.object);
    } catch (e: unknown) {
      if (e instanceof ExpansionError && e.code === "expansion_cycle") {
        notes.push(`${where(doc)}: ${errorMessage(e)}; it expands nothing`);
        continue;
      }
      throw new GatorError("invalid_expansion", `${where(doc)}: ${errorMessage(e)}`, {
        file: doc.file,
        ...(doc.line !== undefined ? { line: doc.line } : {}),
      });
    }
  }
  const resultants: JsonObject[] = [];
  for (const doc of docs) {
    const gvk = objectKind(doc.object);
    if (gvk.group === "mutations.gatekeeper.sh" && MUTATOR_KINDS.has(gvk.kind))
      notes.push(`${where(doc)}: ${gvk.kind} not applied: Portcullis has no mutation yet`);
    try {
      for (const r of system.expand(doc.object, gvk, "")) resultants.push(r.object);
    } catch (e: unknown) {
      throw new GatorError(
        "invalid_expansion",
        `${where(doc)}: error expanding resource ${objectMeta(doc.object).name}: ${errorMessage(e)}`,
        { file: doc.file, ...(doc.line !== undefined ? { line: doc.line } : {}) },
      );
    }
  }
  return { resultants: sortResultants(resultants), notes };
}
