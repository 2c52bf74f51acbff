/**
 * Hash codes for Rego values (see `valueHash` in value.ts): 32-bit integers, equal for equal
 * values. Different values may share a code; maps keyed by them compare the values on a match.
 */

/** FNV-1a over the UTF-16 units of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
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
