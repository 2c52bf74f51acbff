/** The violation store: every violation audits find, in SQLite under `--data-dir`. */
export { StoreError, type StoreErrorCode } from "./errors.js";
export { DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT, type ViolationQuery, whereOf } from "./query-filter.js";
export {
  type AuditRecord,
  type RecordOutcome,
  STORE_FILE,
  type StoredAudit,
  type StoredViolation,
  type ViolationPage,
  ViolationStore,
  violationFingerprint,
} from "./violation-store.js";
