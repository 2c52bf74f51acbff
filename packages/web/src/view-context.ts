import type { ApiClient } from "./api-client.js";

/** What a view is given to render one page. */
export interface ViewContext {
  readonly api: ApiClient;
  /** Aborted when the page is left; loads pass it on to the API. */
  readonly signal: AbortSignal;
  /** The time relative times are counted from, in milliseconds since the epoch. */
  readonly now: number;
  /** Goes to a hash, rendering again when it is the current one. */
  navigate(hash: string): void;
  /** Changes the hash without rendering (a filter box typed into), so a reload or link keeps it. */
  replaceHash(hash: string): void;
}
