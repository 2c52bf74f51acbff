/** Stable codes of {@link AuditError}. */
export type AuditErrorCode =
  | "policies_not_found"
  | "policy_invalid"
  | "objects_not_found"
  | "object_invalid"
  | "worker_failed"
  | "audit_aborted";

/** A problem loading what an audit needs, or running it. Names the file (and line:col) where there is one. */
export class AuditError extends Error {
  readonly code: AuditErrorCode;
  readonly file: string | undefined;

  constructor(code: AuditErrorCode, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = "AuditError";
    this.code = code;
    this.file = options.file;
  }
}

/** The message of anything thrown. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
