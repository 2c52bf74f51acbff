import {
  ConstraintClient,
  type EngineChoice,
  type JsonObject,
  type ReviewResult,
  type StatsEntry,
} from "@portcullis/constraint";
import { gatorDrivers } from "./engine-drivers.js";
import {
  addConstraints,
  addExpansions,
  addObjectsAsData,
  addTemplates,
  reviewSourceDocument,
} from "./load-documents.js";
import type { SourceDocument } from "./read-documents.js";

/** One violation found by `portcullis test`, with the object that caused it. */
export interface GatorTestResult {
  readonly result: ReviewResult;
  /** The reviewed object (for an AdmissionReview, its object, or oldObject on DELETE). */
  readonly object: JsonObject;
  /** The document the object came from. */
  readonly source: SourceDocument;
  /** With {@link EvaluateOptions.trace}: the trace of the object's whole review (gator's per result). */
  readonly trace?: string;
}

/** A reviewed document's trace (`--trace`), for objects whether or not they have results. */
export interface ReviewTrace {
  /** The reviewed object (an AdmissionReview's object, or oldObject on DELETE). */
  readonly object: JsonObject;
  /** The document it came from. */
  readonly source: SourceDocument;
  readonly trace: string;
}

/** What `portcullis test` found, and what it wants said about how it ran. */
export interface GatorTestOutcome {
  /** Sorted by enforcement action, then message (gator's order). */
  readonly results: readonly GatorTestResult[];
  /** Remarks for stderr (templates skipped under `--engine cel`). */
  readonly notes: readonly string[];
  /** With {@link EvaluateOptions.stats}: each review's template stats, reviews in input order. */
  readonly stats: readonly StatsEntry[];
  /** With {@link EvaluateOptions.trace}: each reviewed document's trace, in input order. */
  readonly traces: readonly ReviewTrace[];
}

/** Options of {@link evaluateDocuments}. */
export interface EvaluateOptions {
  readonly engine: EngineChoice;
  /** Gather each template's run time and constraint count (gator test's `--stats`). */
  readonly stats?: boolean;
  /** Trace each Rego evaluation (gator test's `--trace`). */
  readonly trace?: boolean;
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
  const { notes, skippedKinds } = addTemplates(client, docs, options.engine);
  addConstraints(client, docs, skippedKinds);
  addExpansions(client, docs);
  const namespaces = addObjectsAsData(client, docs);
  const results: GatorTestResult[] = [];
  const stats: StatsEntry[] = [];
  const traces: ReviewTrace[] = [];
  for (const doc of docs) {
    const response = reviewSourceDocument(client, doc, namespaces, options);
    const trace = response.trace;
    for (const result of response.results) {
      const found = { result, object: result.object, source: doc };
      results.push(trace === undefined ? found : { ...found, trace });
    }
    if (response.stats !== undefined) stats.push(...response.stats);
    if (trace !== undefined && trace !== "")
      traces.push({ object: response.input.subject, source: doc, trace });
  }
  return { results: sortResults(results), notes, stats, traces };
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
