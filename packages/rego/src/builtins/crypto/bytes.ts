/** Byte helpers that behave like Go's conversions between strings and byte slices. */

/** UTF-8 bytes of a string, as Go's `[]byte(s)`; lone surrogates become U+FFFD. */
export function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

/** Decodes UTF-8; each invalid byte becomes U+FFFD, as Go does when ranging over a string. */
export function utf8Decode(b: Uint8Array): string {
  let s = "";
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    let cp = 0xfffd;
    let n = 1;
    if (c < 0x80) cp = c;
    else if (c >= 0xc2 && c <= 0xdf && isCont(b, i + 1)) {
      cp = ((c & 0x1f) << 6) | ((b[i + 1] as number) & 0x3f);
      n = 2;
    } else if (c >= 0xe0 && c <= 0xef && isCont(b, i + 1) && isCont(b, i + 2)) {
      const v = ((c & 0x0f) << 12) | (((b[i + 1] as number) & 0x3f) << 6) | ((b[i + 2] as number) & 0x3f);
      if (v >= 0x800 && (v < 0xd800 || v > 0xdfff)) {
        cp = v;
        n = 3;
      }
    } else if (c >= 0xf0 && c <= 0xf4 && isCont(b, i + 1) && isCont(b, i + 2) && isCont(b, i + 3)) {
      const v =
        ((c & 0x07) << 18) |
        (((b[i + 1] as number) & 0x3f) << 12) |
        (((b[i + 2] as number) & 0x3f) << 6) |
        ((b[i + 3] as number) & 0x3f);
      if (v >= 0x10000 && v <= 0x10ffff) {
        cp = v;
        n = 4;
      }
    }
    s += String.fromCodePoint(cp);
    i += n;
  }
  return s;
}

function isCont(b: Uint8Array, i: number): boolean {
  const c = b[i];
  return c !== undefined && (c & 0xc0) === 0x80;
}

/** True when the bytes are valid UTF-8. */
export function isValidUtf8(b: Uint8Array): boolean {
  return bytesEqual(utf8Encode(utf8Decode(b)), b);
}

const HEX = "0123456789abcdef";

/** Lower-case hex of bytes. */
export function toHex(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += (HEX[x >> 4] as string) + (HEX[x & 15] as string);
  return s;
}

/** Bytes of a hex string (caller guarantees even length and hex digits). */
export function fromHex(s: string): Uint8Array {
  const out = new Uint8Array(s.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= (a[i] as number) ^ (b[i] as number);
  return d === 0;
}

/** Concatenation of byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Big-endian unsigned integer of bytes. */
export function bytesToBigInt(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt(`0x${toHex(b)}`);
}

/** Big-endian bytes of a non-negative integer, left-padded to `len` bytes when given. */
export function bigIntToBytes(n: bigint, len?: number): Uint8Array {
  let h = n.toString(16);
  if (h.length % 2) h = `0${h}`;
  if (n === 0n) h = "";
  const raw = fromHex(h);
  if (len === undefined || raw.length >= len) return raw;
  const out = new Uint8Array(len);
  out.set(raw, len - raw.length);
  return out;
}

/** Bytes of a Latin-1 string (each char code is one byte). */
export function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** A string with one char per byte (how Go's `string(b)` looks to byte-oriented parsers). */
export function latin1String(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}
