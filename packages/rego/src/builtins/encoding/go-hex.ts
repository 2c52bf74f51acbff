import { toHex, utf8Decode, utf8Encode } from "../crypto/bytes.js";
import { BuiltinError } from "../errors.js";
import { isGoPrint } from "./go-quote.js";

/** Go's `encoding/hex` over the UTF-8 bytes of a string, with its error messages. */

/** Lower-case hex of the string's UTF-8 bytes. */
export function goHexEncode(s: string): string {
  return toHex(utf8Encode(s));
}

function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** `encoding/hex: invalid byte: U+0067 'g'` (Go's `%#U` of the byte). */
function invalidByte(b: number): BuiltinError {
  const code = `U+${b.toString(16).toUpperCase().padStart(4, "0")}`;
  const shown = isGoPrint(b) ? ` '${String.fromCharCode(b)}'` : "";
  return new BuiltinError(`encoding/hex: invalid byte: ${code}${shown}`);
}

/** `hex.DecodeString`, the bytes read back as a (UTF-8) string. */
export function goHexDecode(s: string): string {
  const src = utf8Encode(s);
  const out = new Uint8Array(src.length >> 1);
  let i = 0;
  for (let j = 1; j < src.length; j += 2) {
    const a = nibble(src[j - 1] as number);
    const b = nibble(src[j] as number);
    if (a < 0) throw invalidByte(src[j - 1] as number);
    if (b < 0) throw invalidByte(src[j] as number);
    out[i++] = (a << 4) | b;
  }
  if (src.length % 2 === 1) {
    const last = src[src.length - 1] as number;
    if (nibble(last) < 0) throw invalidByte(last);
    throw new BuiltinError("encoding/hex: odd length hex string");
  }
  return utf8Decode(out);
}
