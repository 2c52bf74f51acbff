import { ConstraintClient, type EngineChoice, type JsonObject } from "@portcullis/constraint";
import { documentKind } from "../gator/document-kinds.js";
import { gatorDrivers } from "../gator/engine-drivers.js";
import { GatorError } from "../gator/errors.js";
import { addConstraints, addExpansions, addObjectsAsData, addTemplates } from "../gator/load-documents.js";
import type { SourceDocument } from "../gator/read-documents.js";

/** How long each setup phase took, in nanoseconds. */
export interface SetupBreakdown {
  readonly clientCreation: number;
  readonly templateCompilation: number;
  readonly constraintLoading: number;
  readonly dataLoading: number;
}

/** A monotonic clock in nanoseconds. */
export const hostClock = (): number => performance.now() * 1e6;

/** True for the documents a benchmark reviews: everything but policy (templates, constraints, expansions). */
function isReviewed(doc: SourceDocument): boolean {
  const kind = documentKind(doc.object);
  return kind === "object" || kind === "admission-review";
}

function countKind(docs: readonly SourceDocument[], kind: "template" | "constraint"): number {
  let n = 0;
  for (const d of docs) if (documentKind(d.object) === kind) n++;
  return n;
}

/** What the input holds; throws GatorError `no_input` when it lacks templates, constraints or objects. */
export function benchInput(docs: readonly SourceDocument[]): {
  templates: number;
  constraints: number;
  reviewed: SourceDocument[];
} {
  const templates = countKind(docs, "template");
  const constraints = countKind(docs, "constraint");
  const reviewed = docs.filter(isReviewed);
  if (templates === 0) throw new GatorError("no_input", "no ConstraintTemplates found in the input");
  if (constraints === 0) throw new GatorError("no_input", "no Constraints found in the input");
  if (reviewed.length === 0) throw new GatorError("no_input", "no objects to review found in the input");
  return { templates, constraints, reviewed };
}

/** What loading for a benchmark measured and left out (durations in nanoseconds). */
export interface BenchSetup {
  readonly engine: EngineChoice;
  readonly templateCount: number;
  readonly skippedTemplates: readonly string[];
  readonly constraintCount: number;
  readonly skippedConstraints: readonly string[];
  readonly setupDuration: number;
  readonly setupBreakdown: SetupBreakdown;
}

/** A client loaded for benchmarking, with its {@link BenchSetup}. */
export interface LoadedBench extends BenchSetup {
  readonly client: ConstraintClient;
  readonly namespaces: ReadonlyMap<string, JsonObject>;
  /** The documents reviewed: everything but templates, constraints and ExpansionTemplates. */
  readonly reviewed: readonly SourceDocument[];
  /** Remarks for stderr: templates skipped for lacking the engine's code. */
  readonly notes: readonly string[];
}

/**
 * Loads the templates, constraints and objects among `docs` into a client for `engine`, timing
 * each phase. Templates without code for the engine are skipped with their constraints. Throws
 * GatorError when there is nothing to benchmark, or naming the file of a bad template or
 * constraint.
 */
export function loadBench(
  docs: readonly SourceDocument[],
  engine: EngineChoice,
  clock: () => number = hostClock,
): LoadedBench {
  const { templates, constraints, reviewed } = benchInput(docs);
  const setupStart = clock();
  const client = new ConstraintClient({ drivers: gatorDrivers(false), engine });
  const clientMade = clock();
  const added = addTemplates(client, docs, engine, true);
  const templatesAdded = clock();
  if (added.skippedTemplates.length === templates)
    throw new GatorError(
      "nothing_to_bench",
      `no template has code for the ${engine} engine (all ${templates} skipped)`,
    );
  const skippedConstraints = addConstraints(client, docs, added.skippedKinds);
  addExpansions(client, docs);
  const constraintsAdded = clock();
  if (skippedConstraints.length === constraints)
    throw new GatorError(
      "nothing_to_bench",
      `no constraint has a template for the ${engine} engine (all ${constraints} skipped)`,
    );
  const namespaces = addObjectsAsData(client, docs);
  const setupEnd = clock();
  return {
    engine,
    client,
    namespaces,
    reviewed,
    templateCount: templates - added.skippedTemplates.length,
    skippedTemplates: added.skippedTemplates,
    constraintCount: constraints - skippedConstraints.length,
    skippedConstraints,
    setupDuration: Math.round(setupEnd - setupStart),
    setupBreakdown: {
      clientCreation: Math.round(clientMade - setupStart),
      templateCompilation: Math.round(templatesAdded - clientMade),
      constraintLoading: Math.round(constraintsAdded - templatesAdded),
      dataLoading: Math.round(setupEnd - constraintsAdded),
    },
    notes: added.notes,
  };
}
