/** Rows per page of violations. */
export const PAGE_SIZE = 50;

/** What a pager shows: the label and where the previous and next pages start (null when none). */
export interface PageInfo {
  readonly label: string;
  readonly previous: number | null;
  readonly next: number | null;
}

/**
 * The pager of a page that starts at `offset`, shows `shown` rows, of `total`: `1–50 of 312`. A page
 * past the end (the list shrank since the link was made) points back to the last full page.
 */
export function pageInfo(offset: number, shown: number, total: number, pageSize = PAGE_SIZE): PageInfo {
  if (total === 0) return { label: "0 of 0", previous: null, next: null };
  if (shown === 0) {
    const last = Math.max(0, Math.floor((total - 1) / pageSize) * pageSize);
    return { label: `none from ${offset + 1} of ${total}`, previous: offset > 0 ? last : null, next: null };
  }
  const end = offset + shown;
  return {
    label: `${offset + 1}–${end} of ${total}`,
    previous: offset > 0 ? Math.max(0, offset - pageSize) : null,
    next: end < total ? end : null,
  };
}

/** A page offset read from a query parameter: a non-negative integer, else 0. */
export function parseOffset(s: string | null | undefined): number {
  if (s === null || s === undefined || !/^\d{1,9}$/.test(s)) return 0;
  return Number(s);
}
