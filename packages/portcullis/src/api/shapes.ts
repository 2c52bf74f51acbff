/**
 * The JSON shapes of serve's API (`/api/v1/...`), the contract between the server and the web
 * dashboard, which reads these types too. Types only, and no imports: packages/web type-checks
 * this file as it is, without Node's types.
 */

/** A JSON object written by a policy author (a template's or a constraint's fields). */
export type JsonMap = Record<string, unknown>;

/** Which constraint a violation is of. */
export interface ConstraintRef {
  readonly kind: string;
  readonly name: string;
}

/** Which object a violation is about. */
export interface ObjectRef {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** "" for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
}

/**
 * One entry of a constraint's `status.violations`, as Gatekeeper writes it. Keys are in the order
 * Go serializes the status map (alphabetical); `namespace` and `enforcementActions` are left out
 * when empty.
 */
export interface StatusViolation {
  enforcementAction: string;
  enforcementActions?: string[];
  group: string;
  kind: string;
  message: string;
  name: string;
  namespace?: string;
  version: string;
}

/** What audit writes into a constraint's `status` (keys in Go's serialized order). */
export interface ConstraintAuditStatus {
  auditTimestamp: string;
  totalViolations: number;
  /** Absent when there is none (Gatekeeper removes the field). */
  violations?: StatusViolation[];
}

/** A constraint with the status audit wrote: `{apiVersion, kind, metadata: {name}, status}`. */
export interface AuditedConstraint {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  status: ConstraintAuditStatus;
}

/** A stored violation; times are RFC3339 with milliseconds, UTC. */
export interface StoredViolation {
  readonly id: number;
  readonly constraint: ConstraintRef;
  readonly object: ObjectRef;
  readonly message: string;
  readonly enforcementAction: string;
  readonly enforcementActions: readonly string[];
  readonly details: unknown;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly resolvedAt: string | null;
}

/** Something wrong with one file or document of a policies directory; loading goes on. */
export interface PolicyProblem {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
  /** Stable code: `invalid_yaml`, `template_*`, `rego_*`, `constraint_*`, `config_*`, … */
  readonly code: string;
  readonly message: string;
}

/** An audit's summary: what `/audits` lists and `/constraints` names as its source. */
export interface AuditSummary {
  readonly auditId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly objectsReviewed: number;
  readonly totalViolations: number;
  readonly constraints: number;
}

/** An audit as `/audits` lists it, with what changed since the one before. */
export interface ListedAudit extends AuditSummary {
  readonly newViolations: number;
  readonly resolvedViolations: number;
}

/** A constraint as the API lists it: a constraint object's identity, its spec when loaded, its audit status once audited. */
export interface ConstraintView {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec?: JsonMap;
  readonly status?: ConstraintAuditStatus;
}

/** One constraint of a template, in the template's summary. */
export interface ConstraintSummary {
  readonly kind: string;
  readonly name: string;
  readonly enforcementAction: string;
  /** Null until an audit has counted it. */
  readonly totalViolations: number | null;
  readonly auditTimestamp: string | null;
}

/** A ConstraintTemplate as the API lists it. */
export interface TemplateSummary {
  readonly name: string;
  readonly kind: string;
  /** Engines it has code for: `Rego`, `K8sNativeValidation`. */
  readonly engines: readonly string[];
  /** `metadata.annotations.description`, as the gatekeeper-library writes it. */
  readonly description: string | null;
  readonly file: string;
  /** Load problems reported for its file. */
  readonly problems: readonly PolicyProblem[];
  readonly constraints: readonly ConstraintSummary[];
}

/** A template's summary and the document it was loaded from. */
export interface TemplateDetail extends TemplateSummary {
  readonly document: JsonMap;
}

/** The Gatekeeper Config in force (`config.gatekeeper.sh` Config named `config`) and its file. */
export interface ConfigView {
  readonly file: string;
  readonly document: JsonMap;
}

/** `GET /api/v1/constraints`. */
export interface ConstraintsResponse {
  readonly audit: AuditSummary | null;
  readonly constraints: readonly ConstraintView[];
}

/** `GET /api/v1/templates`. */
export interface TemplatesResponse {
  readonly templates: readonly TemplateSummary[];
  readonly problems: readonly PolicyProblem[];
}

/** `GET /api/v1/violations`: one page of `total` violations, starting at `offset`. */
export interface ViolationsResponse {
  readonly total: number;
  readonly offset: number;
  readonly violations: readonly StoredViolation[];
}

/** `GET /api/v1/audits`. */
export interface AuditsResponse {
  readonly running: boolean;
  readonly audits: readonly ListedAudit[];
}

/** `GET /api/v1/config`. */
export interface ConfigResponse {
  readonly config: ConfigView | null;
}

/**
 * `POST /api/v1/review`: objects reviewed as the webhook would review a request to create them,
 * with nothing admitted or stored.
 */
export interface ReviewPreviewRequest {
  /** YAML or JSON, one or more documents: Kubernetes objects or AdmissionReviews. */
  readonly text: string;
  /** The requesting user (`userInfo.username`) of objects that are not AdmissionReviews. */
  readonly username?: string;
  /** `CREATE` (the default), `UPDATE` or `DELETE` for objects that are not AdmissionReviews. */
  readonly operation?: string;
  /** Trace each Rego evaluation (slow: for debugging). */
  readonly trace?: boolean;
}

/** One violation the webhook would act on. */
export interface PreviewResult {
  readonly constraint: { readonly kind: string; readonly name: string };
  /** What the webhook does with it: deny, warn or dryrun (a scoped constraint's actions there). */
  readonly actions: readonly string[];
  readonly message: string;
}

/** What the webhook would answer for one document. */
export interface ReviewPreview {
  /** 1-based position of the document in the text. */
  readonly document: number;
  readonly object: {
    readonly apiVersion: string;
    readonly kind: string;
    readonly namespace: string;
    readonly name: string;
  };
  readonly allowed: boolean;
  /** The AdmissionResponse's code: 200, 299 with warnings, 403 denied, 500 for an error, 422 for a bad Gatekeeper resource. */
  readonly code: number;
  /** The denial, error or allowance message, as the API server would show it ("" for none). */
  readonly message: string;
  readonly warnings: readonly string[];
  readonly results: readonly PreviewResult[];
  /** With `trace`: each constraint's evaluation trace. */
  readonly trace?: string;
}

/** `POST /api/v1/review`'s answer. */
export interface ReviewPreviewResponse {
  readonly reviews: readonly ReviewPreview[];
}
