/** Audit: reviews every object against every constraint and yields the status Gatekeeper writes. */
export {
  type AuditLogger,
  jsonLineLogger,
  logAuditFinished,
  logAuditStarted,
  logConstraintAudited,
  logViolation,
  silentLogger,
} from "./audit-log.js";
export { type AuditLoop, type AuditLoopOptions, auditLoopError, startAuditLoop } from "./audit-loop.js";
export {
  type AuditedConstraint,
  auditedConstraints,
  auditTimestamp,
  type ConstraintAuditStatus,
  constraintStatus as buildConstraintStatus,
  DEFAULT_VIOLATIONS_LIMIT,
} from "./constraint-status.js";
export { AuditError, type AuditErrorCode } from "./errors.js";
export { FolderSource } from "./folder-source.js";
export {
  auditDocument,
  auditTable,
  columns,
  formatDocument,
  type OutputFormat,
  oneLine,
  violationOutput,
} from "./format-audit.js";
export { compareGoStrings } from "./go-string-order.js";
export { KeptViolations } from "./kept-violations.js";
export { MemorySource } from "./memory-source.js";
export {
  DEFAULT_CHUNK_SIZE,
  type ObjectKind,
  type ObjectPage,
  type ObjectSource,
  type SourceProblem,
} from "./object-source.js";
export {
  loadPolicySet,
  newClient,
  type PolicyDoc,
  type PolicySet,
  policySetOf,
  readPolicies,
} from "./policy-loader.js";
export {
  constraintStatus,
  constraintStatuses,
  listAudits,
  queryViolations,
  violationQueryFromParams,
} from "./query-api.js";
export { type PageReview, reviewObjects } from "./review-objects.js";
export { InProcessReviewer, type Reviewer } from "./reviewer.js";
export { type AuditOptions, type AuditProgress, type AuditResult, runAudit } from "./run-audit.js";
export { compareStatusViolations, type StatusViolation } from "./status-violation.js";
export { MESSAGE_LIMIT_BYTES, truncateMessage } from "./truncate-message.js";
export {
  type AuditViolation,
  CONSTRAINTS_GROUP,
  CONSTRAINTS_VERSION,
  type ConstraintRef,
  isDenyViolation,
  type ObjectRef,
  toStatusViolation,
} from "./violation.js";
export { WorkerPool, type WorkerPoolOptions } from "./worker-pool.js";
