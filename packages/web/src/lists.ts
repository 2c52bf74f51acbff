/**
 * True when every word of `query` occurs (ignoring case) in one of `fields`; an empty query matches
 * everything.
 */
export function matchesQuery(query: string, fields: readonly string[]): boolean {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== "");
  const haystack = fields.map((f) => f.toLowerCase());
  return words.every((w) => haystack.some((f) => f.includes(w)));
}

/** Compares strings by UTF-16 code units, the same in every browser and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts items by kind, then name, without changing the list given. */
export function sortByKindAndName<T>(
  items: readonly T[],
  key: (item: T) => { kind: string; name: string },
): T[] {
  return [...items].sort((x, y) => {
    const a = key(x);
    const b = key(y);
    return compareStrings(a.kind, b.kind) || compareStrings(a.name, b.name);
  });
}
