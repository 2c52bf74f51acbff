/** Go's `strconv.Quote` and the quoting helpers built on it, over UTF-8 bytes. */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's `strconv.IsPrint` for one code point. */
export function isGoPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

const SHORT_ESCAPES: Record<number, string> = {
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** Escapes one code point the way `strconv.Quote` does inside double quotes. */
export function quoteRune(cp: number, quote = 34): string {
  if (cp === quote || cp === 92) return `\\${String.fromCharCode(cp)}`;
  if (isGoPrint(cp)) return String.fromCodePoint(cp);
  const short = SHORT_ESCAPES[cp];
  if (short !== undefined) return short;
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`;
  if (cp < 0x10000) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

/** `strconv.Quote` of UTF-8 bytes: invalid bytes become `\xNN`. */
export function goQuoteBytes(b: Uint8Array): string {
  let out = '"';
  let i = 0;
  while (i < b.length) {
    const [cp, n] = decodeRune(b, i);
    if (cp < 0) out += `\\x${hex(b[i] as number, 2)}`;
    else out += quoteRune(cp);
    i += n;
  }
  return `${out}"`;
}

/** Decodes one UTF-8 rune at `i`: `[codePoint, width]`, or `[-1, 1]` for an invalid byte. */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c = b[i] as number;
  if (c < 0x80) return [c, 1];
  const cont = (k: number): number => {
    const x = b[i + k];
    return x !== undefined && (x & 0xc0) === 0x80 ? x & 0x3f : -1;
  };
  if (c >= 0xc2 && c <= 0xdf) {
    const x = cont(1);
    if (x >= 0) return [((c & 0x1f) << 6) | x, 2];
  } else if (c >= 0xe0 && c <= 0xef) {
    const x = cont(1);
    const y = cont(2);
    if (x >= 0 && y >= 0) {
      const v = ((c & 0x0f) << 12) | (x << 6) | y;
      if (v >= 0x800 && (v < 0xd800 || v > 0xdfff)) return [v, 3];
    }
  } else if (c >= 0xf0 && c <= 0xf4) {
    const x = cont(1);
    const y = cont(2);
    const z = cont(3);
    if (x >= 0 && y >= 0 && z >= 0) {
      const v = ((c & 0x07) << 18) | (x << 12) | (y << 6) | z;
      if (v >= 0x10000 && v <= 0x10ffff) return [v, 4];
    }
  }
  return [-1, 1];
}
