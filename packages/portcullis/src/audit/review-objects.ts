import {
  type ConstraintClient,
  type ExternalDataBackend,
  type JsonObject,
  type NamespaceLookup,
  type ReviewOutcome,
  type ReviewResult,
  reviewBatchWithExternalData,
  type StatsEntry,
} from "@portcullis/constraint";
import { errorMessage } from "./errors.js";
import type { AuditViolation, ConstraintRef, ObjectRef } from "./violation.js";

/** What reviewing one page of objects found. */
export interface PageReview {
  readonly violations: AuditViolation[];
  /** Objects reviewed. */
  readonly reviewed: number;
  /** Objects that could not be reviewed, one message each. */
  readonly errors: string[];
  /** When asked: each reviewed object's template run times (`--log-stats-audit`), none empty. */
  readonly stats?: StatsEntry[][];
}

const AUDIT_POINT = "audit.gatekeeper.sh";
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

function record(v: unknown): JsonObject | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

function stringMap(v: unknown, skip?: string): Record<string, string> {
  const out: Record<string, string> = {};
  const m = record(v);
  if (m === undefined) return out;
  for (const [k, x] of Object.entries(m)) if (typeof x === "string" && k !== skip) out[k] = x;
  return out;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

const annotationsCache = new WeakMap<JsonObject, Record<string, string>>();
const constraintRefs = new WeakMap<JsonObject, ConstraintRef>();

function constraintAnnotations(constraint: JsonObject): Record<string, string> {
  let a = annotationsCache.get(constraint);
  if (a === undefined) {
    a = stringMap(record(constraint.metadata)?.annotations, LAST_APPLIED);
    annotationsCache.set(constraint, a);
  }
  return a;
}

/** One reference per constraint, shared by its violations (page packing tells them apart by it). */
function constraintRef(r: ReviewResult): ConstraintRef {
  let ref = constraintRefs.get(r.constraint.object);
  if (ref === undefined) {
    ref = { kind: r.constraint.kind, name: r.constraint.name };
    constraintRefs.set(r.constraint.object, ref);
  }
  return ref;
}

/** What the violations of one object share: which object, and its labels. */
interface ObjectParts {
  readonly ref: ObjectRef;
  readonly labels: Readonly<Record<string, string>>;
}

function objectParts(obj: JsonObject): ObjectParts {
  const md = record(obj.metadata);
  const apiVersion = str(obj.apiVersion);
  const slash = apiVersion.indexOf("/");
  return {
    ref: {
      group: slash < 0 ? "" : apiVersion.slice(0, slash),
      version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
      kind: str(obj.kind),
      namespace: str(md?.namespace),
      name: str(md?.name),
    },
    labels: stringMap(md?.labels),
  };
}

function violationOf(r: ReviewResult, parts: ObjectParts): AuditViolation {
  return {
    constraint: constraintRef(r),
    object: parts.ref,
    message: r.msg,
    enforcementAction: r.enforcementAction,
    enforcementActions: r.scopedEnforcementActions,
    details: r.details,
    labels: parts.labels,
    constraintAnnotations: constraintAnnotations(r.constraint.object),
  };
}

/**
 * Reviews objects against every constraint at `audit.gatekeeper.sh` (source `Original`), the
 * way Gatekeeper's audit reviews each listed object. An object that cannot be reviewed is
 * reported and skipped. With `stats`, each object's template run times come back too. With
 * `externalData`, templates' `external_data` calls are answered: objects whose calls waited for
 * a provider are reviewed again once they are answered, and the page is then a promise.
 */
export function reviewObjects(
  client: ConstraintClient,
  objects: readonly JsonObject[],
  namespaces: NamespaceLookup,
  stats = false,
  externalData?: ExternalDataBackend,
): PageReview | Promise<PageReview> {
  const options = { enforcementPoint: AUDIT_POINT, namespaces, source: "Original", stats } as const;
  if (externalData === undefined) {
    // Template by template across the page (reviewAll): the same results as object by object.
    return pageOf(objects, client.reviewAll(objects, options), stats);
  }
  const items = objects.map((subject) => ({ subject, options }));
  const outcomes = reviewBatchWithExternalData(client, items, externalData);
  return outcomes instanceof Promise
    ? outcomes.then((done) => pageOf(objects, done, stats))
    : pageOf(objects, outcomes, stats);
}

/** A page's violations, reviewed count and errors from each object's outcome. */
function pageOf(
  objects: readonly JsonObject[],
  outcomes: readonly (ReviewOutcome | undefined)[],
  stats: boolean,
): PageReview {
  const violations: AuditViolation[] = [];
  const errors: string[] = [];
  const timed: StatsEntry[][] | undefined = stats ? [] : undefined;
  let reviewed = 0;
  objects.forEach((obj, i) => {
    const outcome = outcomes[i];
    if (outcome !== undefined && "response" in outcome) {
      // The violations of one object share its reference and labels.
      let partsOf: JsonObject | undefined;
      let parts: ObjectParts | undefined;
      for (const r of outcome.response.results) {
        if (parts === undefined || r.object !== partsOf) {
          partsOf = r.object;
          parts = objectParts(r.object);
        }
        violations.push(violationOf(r, parts));
      }
      const entries = outcome.response.stats;
      if (timed !== undefined && entries !== undefined && entries.length > 0) timed.push(entries);
      reviewed++;
      return;
    }
    const md = record(obj.metadata);
    const why = outcome === undefined ? "not reviewed" : errorMessage(outcome.error);
    errors.push(`${str(obj.kind)} ${str(md?.namespace)}/${str(md?.name)}: ${why}`);
  });
  return timed === undefined
    ? { violations, reviewed, errors }
    : { violations, reviewed, errors, stats: timed };
}
