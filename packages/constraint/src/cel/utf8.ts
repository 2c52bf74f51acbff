/** UTF-8 encoding and strict decoding without platform APIs (the package is lib-only ES2023). */

/** Encodes a string as UTF-8 (lone surrogates become U+FFFD). */
export function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0) ?? 0xfffd;
    if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** Number of UTF-8 bytes of a string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Decodes UTF-8; undefined when the bytes are not valid UTF-8. */
export function utf8Decode(b: Uint8Array): string | undefined {
  let out = "";
  for (let i = 0; i < b.length; ) {
    const c = b[i] ?? 0;
    let cp: number;
    let len: number;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if (c >= 0xc2 && c < 0xe0) {
      cp = c & 31;
      len = 2;
    } else if (c >= 0xe0 && c < 0xf0) {
      cp = c & 15;
      len = 3;
    } else if (c >= 0xf0 && c < 0xf5) {
      cp = c & 7;
      len = 4;
    } else return undefined;
    if (i + len > b.length) return undefined;
    for (let k = 1; k < len; k++) {
      const x = b[i + k] ?? 0;
      if ((x & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (x & 63);
    }
    const min = len === 2 ? 0x80 : len === 3 ? 0x800 : len === 4 ? 0x10000 : 0;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return undefined;
    out += String.fromCodePoint(cp);
    i += len;
  }
  return out;
}
