import { normalizeBigInt } from "../../value/number.js";
import type { Value } from "../../value/value.js";
import { base64Encode, STD_ENCODING } from "./base64.js";

/** How Go's `encoding/json` renders common values, as OPA returns them after a JSON round trip. */

/** A `[]byte`: base64 text, or null for a nil slice. */
export function goBytes(b: Uint8Array | undefined): Value {
  return b === undefined ? null : base64Encode(b, STD_ENCODING);
}

/** A `*big.Int` or integer: a number (bigint past 2^53). */
export function goInt(n: bigint | number): Value {
  return typeof n === "number" ? n : normalizeBigInt(n);
}

/** A `[]string`: an array, or null for a nil (empty) slice. */
export function goStrings(xs: readonly string[]): Value {
  return xs.length === 0 ? null : [...xs];
}

/** A slice of anything: an array, or null when empty. */
export function goSlice(xs: readonly Value[]): Value {
  return xs.length === 0 ? null : [...xs];
}

/** A `time.Time`: RFC 3339 with nanoseconds trimmed, in UTC. */
export function goTime(ms: number): Value {
  const d = new Date(ms);
  const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

/** A `net.IP` (its text form). */
export function goIp(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join(".");
  if (b.length !== 16) return `?${Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("")}`;
  const mapped = b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  if (mapped) return Array.from(b.subarray(12)).join(".");
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((b[i] as number) << 8) | (b[i + 1] as number));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (w: number): string => w.toString(16);
  if (bestStart < 0) return words.map(hex).join(":");
  const left = words.slice(0, bestStart).map(hex).join(":");
  const right = words
    .slice(bestStart + bestLen)
    .map(hex)
    .join(":");
  return `${left}::${right}`;
}
