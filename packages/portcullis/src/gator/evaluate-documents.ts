import {
  ConstraintClient,
  ConstraintError,
  ENFORCEMENT_POINTS,
  type EngineChoice,
  InvalidTemplateError,
  type JsonObject,
  type ReviewResult,
  reviewFromAdmissionReview,
} from "@portcullis/constraint";
import { regoErrorPlace } from "../policies/rego-positions.js";
import { documentKind, isNamespace } from "./document-kinds.js";
import { gatorDrivers, templateHasCel } from "./engine-drivers.js";
import { errorMessage, GatorError } from "./errors.js";
import type { SourceDocument } from "./read-documents.js";

/** One violation found by `portcullis test`, with the object that caused it. */
export interface GatorTestResult {
  readonly result: ReviewResult;
  /** The reviewed object (for an AdmissionReview, its object, or oldObject on DELETE). */
  readonly object: JsonObject;
  /** The document the object came from. */
  readonly source: SourceDocument;
}

/** What `portcullis test` found, and what it wants said about how it ran. */
export interface GatorTestOutcome {
  /** Sorted by enforcement action, then message (gator's order). */
  readonly results: readonly GatorTestResult[];
  /** Remarks for stderr (templates skipped under `--engine cel`). */
  readonly notes: readonly string[];
}

/** Options of {@link evaluateDocuments}. */
export interface EvaluateOptions {
  readonly engine: EngineChoice;
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

/**
 * `gator test`'s evaluation: adds every template, then every constraint and ExpansionTemplate,
 * then every object as referential data, and reviews every document (AdmissionReviews as
 * admission requests, with what ExpansionTemplates generate from each) at the gator enforcement
 * point. Namespaces in the input serve namespaceSelector. Throws GatorError naming the file and
 * line of a bad template, constraint or ExpansionTemplate.
 */
export function evaluateDocuments(
  docs: readonly SourceDocument[],
  options: EvaluateOptions,
): GatorTestOutcome {
  const client = new ConstraintClient({ drivers: gatorDrivers(false), engine: options.engine });
  const notes: string[] = [];
  const skippedKinds = new Set<string>();
  for (const doc of docs) {
    if (documentKind(doc.object) !== "template") continue;
    if (options.engine === "cel" && !templateHasCel(doc.object)) {
      const kind = kindOfTemplate(doc.object);
      skippedKinds.add(kind);
      notes.push(`${where(doc)}: template for ${kind} has no CEL code; skipped with --engine cel`);
      continue;
    }
    try {
      client.addTemplate(doc.object);
    } catch (e: unknown) {
      throw templateError(e, doc);
    }
  }
  for (const doc of docs) {
    if (documentKind(doc.object) !== "constraint" || skippedKinds.has(String(doc.object.kind))) continue;
    try {
      client.addConstraint(doc.object);
    } catch (e: unknown) {
      throw constraintError(e, doc);
    }
  }
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
  const namespaces = new Map<string, JsonObject>();
  for (const doc of docs) {
    const kind = documentKind(doc.object);
    if (kind === "admission-review") continue;
    if (isNamespace(doc.object)) {
      const md = doc.object.metadata;
      const name = typeof md === "object" && md !== null && "name" in md ? md.name : undefined;
      if (typeof name === "string") namespaces.set(name, doc.object);
    }
    try {
      client.addData(doc.object);
    } catch (e: unknown) {
      throw new GatorError(
        "invalid_data",
        `${where(doc)}: adding data of ${gvkName(doc.object)}: ${errorMessage(e)}`,
        {
          file: doc.file,
        },
      );
    }
  }
  const results: GatorTestResult[] = [];
  for (const doc of docs) {
    let response: ReturnType<ConstraintClient["review"]>;
    try {
      const subject =
        documentKind(doc.object) === "admission-review" ? reviewFromAdmissionReview(doc.object) : doc.object;
      response = client.review(subject, {
        enforcementPoint: ENFORCEMENT_POINTS.gator,
        namespaces: (name) => namespaces.get(name),
        source: "Original",
      });
    } catch (e: unknown) {
      throw new GatorError("review", `${where(doc)}: reviewing ${gvkName(doc.object)}: ${errorMessage(e)}`, {
        file: doc.file,
      });
    }
    for (const result of response.results) results.push({ result, object: result.object, source: doc });
  }
  return { results: sortResults(results), notes };
}

function kindOfTemplate(template: JsonObject): string {
  const spec = template.spec;
  const crd = typeof spec === "object" && spec !== null && "crd" in spec ? spec.crd : undefined;
  const crdSpec = typeof crd === "object" && crd !== null && "spec" in crd ? crd.spec : undefined;
  const names =
    typeof crdSpec === "object" && crdSpec !== null && "names" in crdSpec ? crdSpec.names : undefined;
  const kind = typeof names === "object" && names !== null && "kind" in names ? names.kind : undefined;
  return typeof kind === "string" ? kind : "?";
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** gator's order: by enforcement action, then message (stable otherwise). */
export function sortResults(results: readonly GatorTestResult[]): GatorTestResult[] {
  return [...results].sort(
    (x, y) =>
      compareBytes(x.result.enforcementAction, y.result.enforcementAction) ||
      compareBytes(x.result.msg, y.result.msg),
  );
}

/** True when a result makes gator exit 1: action deny, or deny among its scoped actions. */
export function isDenyResult(r: ReviewResult): boolean {
  return r.enforcementAction === "deny" || r.scopedEnforcementActions.includes("deny");
}
