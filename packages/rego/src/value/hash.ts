/**
 * Hash codes for Rego values (see `valueHash` in value.ts): 32-bit integers, equal for equal
 * values. Different values may share a code; maps keyed by them compare the values on a match.
 */

/** UTF-16 units hashed at each end of a long string. */
const ENDS = 16;

/**
 * FNV-1a over the length and the UTF-16 units of a string, or of its first and last
 * {@link ENDS} units when it is longer: strings of one set rarely differ only in the middle, and
 * hashing all of a long string costs more than comparing it.
 */
export function hashString(s: string): number {
  const n = s.length;
  let h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  if (n <= 2 * ENDS) {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h | 0;
  }
  for (let i = 0; i < ENDS; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  for (let i = n - ENDS; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * A number's code: integers (however stored, so that a bigint and the equal JS number agree) by
 * their value, other numbers by their text.
 */
export function hashNumber(n: number | bigint): number {
  if (typeof n === "bigint") {
    const asNumber = Number(n);
    return BigInt(asNumber) === n ? hashNumber(asNumber) : hashString(n.toString());
  }
  if (n === (n | 0)) return Math.imul(n, 0x9e3779b1) | 0;
  return Number.isInteger(n) ? hashString(BigInt(n).toString()) : hashString(String(n));
}

/** Combines an accumulated code with the next one, order mattering. */
export function mixHash(h: number, next: number): number {
  return (Math.imul(h ^ next, 0x01000193) + 0x7f4a7c15) | 0;
}

/** A variant of a code, so that `"1"`, `1`, `true` and `[1]` do not all hash alike. */
export function tagHash(h: number, tag: number): number {
  return Math.imul(h + tag, 0x2c1b3c6d) ^ (h >>> 15);
}
