import type { StoreErrorCode } from "./errors.js";
import type { AuditRecord, RecordedViolation, RecordOutcome } from "./violation-store.js";

/** A message to the store writer thread. */
export type ToStoreWorker =
  | { readonly type: "open"; readonly id: number; readonly dir: string }
  /** Violations of the next audit to record, sent ahead in parts. */
  | { readonly type: "violations"; readonly id: number; readonly violations: readonly RecordedViolation[] }
  /** Records an audit: the violations sent ahead, then its own. */
  | { readonly type: "record"; readonly id: number; readonly audit: AuditRecord };

/** A reply from the store writer thread; `id` is the request's. */
export type FromStoreWorker =
  | { readonly type: "opened"; readonly id: number }
  | { readonly type: "received"; readonly id: number }
  | { readonly type: "recorded"; readonly id: number; readonly outcome: RecordOutcome }
  | { readonly type: "failed"; readonly id: number; readonly code: StoreErrorCode; readonly message: string };
