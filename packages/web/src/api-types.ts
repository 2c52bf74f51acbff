/**
 * The JSON the dashboard reads: the API's own shapes (packages/portcullis/src/api/shapes.ts, a
 * file of types with no imports), under the names the dashboard uses.
 */
export type {
  AuditSummary,
  AuditsResponse,
  ConfigResponse,
  ConstraintSummary,
  ConstraintsResponse,
  ConstraintView as Constraint,
  ObjectRef,
  PolicyProblem as Problem,
  PreviewResult,
  ReviewPreview,
  ReviewPreviewRequest,
  ReviewPreviewResponse,
  StoredViolation,
  TemplateDetail,
  TemplateSummary,
  TemplatesResponse,
  ViolationsResponse,
} from "../../portcullis/src/api/shapes.js";

/** A JSON object whose fields are not known in advance (user-written YAML such as a template's spec). */
export type JsonObject = { [key: string]: unknown };
