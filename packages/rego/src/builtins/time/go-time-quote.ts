import { latin1Bytes, utf8Decode, utf8Encode } from "../crypto/bytes.js";

/** Go's `time.quote` over a Latin-1 string of UTF-8 bytes: non-ASCII and control bytes as `\xNN`. */
export function goTimeQuote(bytes: string): string {
  let out = '"';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if (c >= 0x80 || c < 0x20) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else {
      if (c === 34 || c === 92) out += "\\";
      out += bytes[i];
    }
  }
  return `${out}"`;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** The UTF-8 bytes of `s` as a Latin-1 string (one char per byte), the way Go indexes strings. */
export function toByteString(s: string): string {
  if (isAscii(s)) return s;
  let out = "";
  for (const b of utf8Encode(s)) out += String.fromCharCode(b);
  return out;
}

/** The string whose UTF-8 bytes a Latin-1 byte string holds. */
export function fromByteString(b: string): string {
  return isAscii(b) ? b : utf8Decode(latin1Bytes(b));
}
