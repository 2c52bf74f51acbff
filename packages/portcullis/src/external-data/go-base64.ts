/**
 * Go's `base64.StdEncoding.DecodeString`, byte for byte: padding required, `\r` and `\n` ignored,
 * and the same offset of the first illegal byte (Go's `CorruptInputError`).
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD = 0x3d;
const LF = 0x0a;
const CR = 0x0d;

const DECODE: readonly number[] = Array.from({ length: 256 }, (_, c) =>
  ALPHABET.indexOf(String.fromCharCode(c)),
);

/** What decoding came to: the bytes, or the offset of the first illegal input byte. */
export type Base64Result = { readonly bytes: Buffer } | { readonly badByte: number };

/** Go's message for an illegal byte at `offset`. */
export function corruptInputMessage(offset: number): string {
  return `illegal base64 data at input byte ${offset}`;
}

function skipNewlines(src: Buffer, si: number): number {
  while (si < src.length && (src[si] === LF || src[si] === CR)) si++;
  return si;
}

type Step = { readonly next: number } | { readonly badByte: number };

/** Go's `decodeQuantum`: up to four symbols from `si`, their bytes pushed onto `out`. */
function decodeQuantum(src: Buffer, si: number, out: number[]): Step {
  const sextets = [0, 0, 0, 0];
  let count = 0;
  let ended = false;
  while (count < 4) {
    if (si === src.length) {
      if (count === 0) return { next: si };
      return { badByte: si - count };
    }
    const c = src[si] ?? 0;
    si++;
    const sextet = DECODE[c] ?? -1;
    if (sextet >= 0) {
      sextets[count++] = sextet;
      continue;
    }
    if (c === LF || c === CR) continue;
    if (c !== PAD || count < 2) return { badByte: si - 1 };
    if (count === 2) {
      si = skipNewlines(src, si);
      if (si === src.length) return { badByte: src.length };
      if (src[si] !== PAD) return { badByte: si - 1 };
      si++;
    }
    si = skipNewlines(src, si);
    if (si < src.length) return { badByte: si };
    ended = true;
    break;
  }
  const [a = 0, b = 0, c = 0, d = 0] = sextets;
  const value = (a << 18) | (b << 12) | (c << 6) | d;
  const bytes = [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
  out.push(...bytes.slice(0, ended ? count - 1 : 3));
  return { next: si };
}

/** Decodes standard, padded base64 text as Go does (see the module comment). */
export function decodeGoBase64(text: string): Base64Result {
  const src = Buffer.from(text, "utf8");
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const step = decodeQuantum(src, si, out);
    if ("badByte" in step) return step;
    si = step.next;
  }
  return { bytes: Buffer.from(out) };
}
