/** A JSON object whose fields are not known in advance (user-written YAML such as a template's spec). */
export type JsonObject = { [key: string]: unknown };

/** A problem found while loading a policy file; `line` and `col` when the loader knew them. */
export interface Problem {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
  readonly code: string;
  readonly message: string;
}

/** A constraint as the templates list names it. */
export interface ConstraintSummary {
  readonly kind: string;
  readonly name: string;
  readonly enforcementAction: string;
  /** Null until an audit has run with this constraint. */
  readonly totalViolations: number | null;
  readonly auditTimestamp: string | null;
}

/** A ConstraintTemplate as the templates list shows it. */
export interface TemplateSummary {
  readonly name: string;
  readonly kind: string;
  /** Code engines of its targets, such as `Rego` and `K8sNativeValidation`. */
  readonly engines: readonly string[];
  readonly description: string | null;
  readonly file: string;
  readonly problems: readonly Problem[];
  readonly constraints: readonly ConstraintSummary[];
}

/** `GET /api/v1/templates`. */
export interface TemplatesResponse {
  readonly templates: readonly TemplateSummary[];
  readonly problems: readonly Problem[];
}

/** `GET /api/v1/templates/{name}`: the summary and the ConstraintTemplate as loaded. */
export interface TemplateDetail extends TemplateSummary {
  readonly document: JsonObject;
}

/** `GET /api/v1/config`: the Gatekeeper Config in force (named `config`) and its file, or null. */
export interface ConfigResponse {
  readonly config: { readonly file: string; readonly document: JsonObject } | null;
}

/** One finished audit. Times are RFC 3339. */
export interface AuditSummary {
  readonly auditId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly objectsReviewed: number;
  readonly totalViolations: number;
  readonly constraints: number;
}

/** A violation as Gatekeeper keeps it in a constraint's `status.violations` (at most 20 of them). */
export interface StatusViolation {
  readonly enforcementAction: string;
  readonly group: string;
  readonly kind: string;
  readonly message: string;
  readonly name: string;
  readonly namespace?: string;
  readonly version: string;
}

/** The `status` the audit writes on a constraint. */
export interface ConstraintStatus {
  readonly auditTimestamp: string;
  readonly totalViolations: number;
  readonly violations?: readonly StatusViolation[];
}

/** A constraint: `spec` when it is loaded, `status` once audited. */
export interface Constraint {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string };
  /** As written by the policy author: read it with the helpers of `constraint-info.ts`. */
  readonly spec?: JsonObject;
  readonly status?: ConstraintStatus;
}

/** `GET /api/v1/constraints`. */
export interface ConstraintsResponse {
  readonly audit: AuditSummary | null;
  readonly constraints: readonly Constraint[];
}

/** The object a violation is about; `namespace` is "" for cluster-scoped objects. */
export interface ObjectRef {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** A violation from the store, open until an audit no longer finds it. */
export interface StoredViolation {
  readonly id: number;
  readonly constraint: { readonly kind: string; readonly name: string };
  readonly object: ObjectRef;
  readonly message: string;
  readonly enforcementAction: string;
  readonly enforcementActions: readonly string[];
  readonly details: unknown;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly resolvedAt: string | null;
}

/** `GET /api/v1/violations`: one page of `total` violations, starting at `offset`. */
export interface ViolationsResponse {
  readonly total: number;
  readonly offset: number;
  readonly violations: readonly StoredViolation[];
}

/** An audit in the audits list, with what changed since the one before. */
export interface AuditRecord extends AuditSummary {
  readonly newViolations: number;
  readonly resolvedViolations: number;
}

/** `GET /api/v1/audits`. */
export interface AuditsResponse {
  readonly running: boolean;
  readonly audits: readonly AuditRecord[];
}
