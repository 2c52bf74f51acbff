import {
  type ConstraintClient,
  ConstraintError,
  ENFORCEMENT_POINTS,
  type EngineChoice,
  InvalidTemplateError,
  type JsonObject,
  objectMeta,
  pathAt,
  type ReviewResponse,
  reviewFromAdmissionReview,
  stringAt,
} from "@portcullis/constraint";
import { regoErrorPlace } from "../policies/rego-positions.js";
import { documentKind, isNamespace } from "./document-kinds.js";
import { templateHasCel, templateHasRego } from "./engine-drivers.js";
import { errorMessage, GatorError } from "./errors.js";
import type { SourceDocument } from "./read-documents.js";

/** What adding the templates left out, and why. */
export interface TemplatesAdded {
  /** Remarks for stderr, one per template skipped. */
  readonly notes: readonly string[];
  /** Constraint kinds whose template was skipped: their constraints are skipped too. */
  readonly skippedKinds: ReadonlySet<string>;
  /** Names of the templates skipped. */
  readonly skippedTemplates: readonly string[];
}

/**
 * Adds every ConstraintTemplate among `docs` to `client`. A template without code for the
 * engine asked for (`cel`, or `rego` when `skipWithoutRego`) is skipped and noted, as gator
 * does. Throws GatorError naming the file, line and column of a bad template.
 */
export function addTemplates(
  client: ConstraintClient,
  docs: readonly SourceDocument[],
  engine: EngineChoice,
  skipWithoutRego = false,
): TemplatesAdded {
  const notes: string[] = [];
  const skippedKinds = new Set<string>();
  const skippedTemplates: string[] = [];
  for (const doc of docs) {
    if (documentKind(doc.object) !== "template") continue;
    const lacking =
      engine === "cel" && !templateHasCel(doc.object)
        ? "CEL"
        : engine === "rego" && skipWithoutRego && !templateHasRego(doc.object)
          ? "Rego"
          : undefined;
    if (lacking !== undefined) {
      const kind = kindOfTemplate(doc.object);
      skippedKinds.add(kind);
      skippedTemplates.push(objectMeta(doc.object).name);
      notes.push(
        `${where(doc)}: template for ${kind} has no ${lacking} code; skipped with --engine ${engine}`,
      );
      continue;
    }
    try {
      client.addTemplate(doc.object);
    } catch (e: unknown) {
      throw templateError(e, doc);
    }
  }
  return { notes, skippedKinds, skippedTemplates };
}

/**
 * Adds every Constraint among `docs` whose kind was not skipped; returns the names of those
 * skipped. Throws GatorError naming the file and line of a bad constraint.
 */
export function addConstraints(
  client: ConstraintClient,
  docs: readonly SourceDocument[],
  skippedKinds: ReadonlySet<string>,
): string[] {
  const skipped: string[] = [];
  for (const doc of docs) {
    if (documentKind(doc.object) !== "constraint") continue;
    if (skippedKinds.has(String(doc.object.kind))) {
      skipped.push(objectMeta(doc.object).name);
      continue;
    }
    try {
      client.addConstraint(doc.object);
    } catch (e: unknown) {
      throw constraintError(e, doc);
    }
  }
  return skipped;
}

/** Adds every ExpansionTemplate among `docs`. Throws GatorError naming the file and line of a bad one. */
export function addExpansions(client: ConstraintClient, docs: readonly SourceDocument[]): void {
  for (const doc of docs) {
    if (documentKind(doc.object) !== "expansion") continue;
    try {
      client.addExpansionTemplate(doc.object);
    } catch (e: unknown) {
      throw new GatorError("invalid_expansion", `${where(doc)}: ${errorMessage(e)}`, {
        file: doc.file,
        ...(doc.line !== undefined ? { line: doc.line } : {}),
      });
    }
  }
}

/**
 * Adds every document but AdmissionReviews as referential data (`data.inventory`), and returns
 * the Namespaces among them by name, for namespaceSelector.
 */
export function addObjectsAsData(
  client: ConstraintClient,
  docs: readonly SourceDocument[],
): Map<string, JsonObject> {
  const namespaces = new Map<string, JsonObject>();
  for (const doc of docs) {
    if (documentKind(doc.object) === "admission-review") continue;
    if (isNamespace(doc.object)) {
      const name = objectMeta(doc.object).name;
      if (name !== "") namespaces.set(name, doc.object);
    }
    try {
      client.addData(doc.object);
    } catch (e: unknown) {
      throw new GatorError(
        "invalid_data",
        `${where(doc)}: adding data of ${gvkName(doc.object)}: ${errorMessage(e)}`,
        { file: doc.file },
      );
    }
  }
  return namespaces;
}

/**
 * Reviews one document at the gator enforcement point: an AdmissionReview as its admission
 * request, anything else as an object; with `stats`, each template's run time too. Throws
 * GatorError naming the file when the review fails.
 */
export function reviewSourceDocument(
  client: ConstraintClient,
  doc: SourceDocument,
  namespaces: ReadonlyMap<string, JsonObject>,
  options: { readonly stats?: boolean; readonly trace?: boolean } = {},
): ReviewResponse {
  try {
    const subject =
      documentKind(doc.object) === "admission-review" ? reviewFromAdmissionReview(doc.object) : doc.object;
    return client.review(subject, {
      enforcementPoint: ENFORCEMENT_POINTS.gator,
      namespaces: (name) => namespaces.get(name),
      source: "Original",
      ...(options.stats === true ? { stats: true } : {}),
      ...(options.trace === true ? { trace: true } : {}),
    });
  } catch (e: unknown) {
    throw new GatorError("review", `${where(doc)}: reviewing ${gvkName(doc.object)}: ${errorMessage(e)}`, {
      file: doc.file,
    });
  }
}

function where(doc: SourceDocument, line?: number, col?: number): string {
  const l = line ?? doc.line;
  if (l === undefined) return doc.file;
  return col === undefined ? `${doc.file}:${l}` : `${doc.file}:${l}:${col}`;
}

function templateError(e: unknown, doc: SourceDocument): GatorError {
  if (!(e instanceof InvalidTemplateError)) {
    return new GatorError(
      "invalid_template",
      `${where(doc)}: invalid ConstraintTemplate: ${errorMessage(e)}`,
      {
        file: doc.file,
      },
    );
  }
  const place = regoErrorPlace(doc.regoPositions, e.templateName ?? "", e.location);
  const line = place?.line ?? doc.line;
  const col = place?.col;
  const name = e.templateName === undefined ? "" : ` "${e.templateName}"`;
  return new GatorError(
    "invalid_template",
    `${where(doc, line, col)}: invalid ConstraintTemplate${name}: ${e.detail}`,
    { file: doc.file, ...(line !== undefined ? { line } : {}), ...(col !== undefined ? { col } : {}) },
    e,
  );
}

function constraintError(e: unknown, doc: SourceDocument): GatorError {
  const code =
    e instanceof ConstraintError && e.code === "constraint_unknown_kind"
      ? "unknown_kind"
      : "invalid_constraint";
  return new GatorError(code, `${where(doc)}: ${errorMessage(e)}`, {
    file: doc.file,
    ...(doc.line !== undefined ? { line: doc.line } : {}),
  });
}

function gvkName(obj: JsonObject): string {
  const md = typeof obj.metadata === "object" && obj.metadata !== null ? obj.metadata : {};
  const ns = "namespace" in md && typeof md.namespace === "string" ? md.namespace : "";
  const name = "name" in md && typeof md.name === "string" ? md.name : "";
  return `${String(obj.apiVersion ?? "")}/${String(obj.kind ?? "")} ${ns === "" ? name : `${ns}/${name}`}`;
}

function kindOfTemplate(template: JsonObject): string {
  return stringAt(pathAt(template, "spec", "crd", "spec", "names"), "kind") ?? "?";
}
