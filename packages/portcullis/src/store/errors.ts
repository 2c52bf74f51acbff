/** Stable codes of {@link StoreError}. */
export type StoreErrorCode = "store_open_failed" | "store_corrupt" | "store_write_failed" | "store_bad_query";

/** A problem with the violation store; names the database file. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly file: string | undefined;

  constructor(code: StoreErrorCode, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = "StoreError";
    this.code = code;
    this.file = options.file;
  }
}
