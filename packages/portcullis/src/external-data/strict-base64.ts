/**
 * Standard base64 as a caBundle must be: the alphabet, `=` padding to whole quanta of four,
 * line breaks ignored. Node's decoder accepts anything, so the text is checked first; a text that
 * fails gives the offset of the first byte found wrong, for Gatekeeper's
 * `illegal base64 data at input byte N`.
 */

/** A line break, skipped wherever it stands. */
const LINE_BREAK = /[\r\n]/;
const SYMBOL = /[A-Za-z0-9+/]/;

/** What decoding came to: the bytes, or the offset of the first wrong byte. */
export type Base64Result = { readonly bytes: Buffer } | { readonly badByte: number };

/** Gatekeeper's (Go's) words for a wrong byte at `offset`. */
export function illegalBase64Message(offset: number): string {
  return `illegal base64 data at input byte ${offset}`;
}

/** Decodes `text` (see the module comment); offsets count UTF-8 bytes, as Go's do. */
export function decodeStrictBase64(text: string): Base64Result {
  let significant = 0;
  let padding = 0;
  let quantumStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (LINE_BREAK.test(c)) continue;
    const inQuantum = significant % 4;
    if (inQuantum === 0) quantumStart = i;
    if (c === "=") {
      // Padding ends a quantum whose first two symbols are data: `xx==` or `xxx=`.
      const ends = inQuantum === 3 || (inQuantum === 2 && nextSignificant(text, i + 1) === "=");
      if (!ends && !(inQuantum === 3 && padding === 1)) return { badByte: byteOffset(text, i) };
      padding++;
    } else if (!SYMBOL.test(c) || padding > 0) return { badByte: byteOffset(text, i) };
    significant++;
  }
  if (significant % 4 !== 0) return { badByte: byteOffset(text, quantumStart) };
  return { bytes: Buffer.from(text.replace(/[\r\n]/g, ""), "base64") };
}

function nextSignificant(text: string, from: number): string | undefined {
  for (let i = from; i < text.length; i++) if (!LINE_BREAK.test(text[i] ?? "")) return text[i];
  return undefined;
}

function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), "utf8");
}
