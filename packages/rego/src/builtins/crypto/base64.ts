import { BuiltinError } from "../errors.js";
import { utf8Encode } from "./bytes.js";

/** Base64 codecs with Go's `encoding/base64` semantics, including its error messages. */

const STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function decodeMap(alphabet: string): Int16Array {
  const m = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) m[alphabet.charCodeAt(i)] = i;
  return m;
}

const STD_MAP = decodeMap(STD);
const URL_MAP = decodeMap(URL);

/** Options naming a Go encoding: standard or URL alphabet, padded or raw. */
export interface Base64Variant {
  readonly url: boolean;
  readonly pad: boolean;
}

export const STD_ENCODING: Base64Variant = { url: false, pad: true };
export const URL_ENCODING: Base64Variant = { url: true, pad: true };
export const RAW_URL_ENCODING: Base64Variant = { url: true, pad: false };

/** Go's `CorruptInputError`: `illegal base64 data at input byte N`. */
export function corruptInput(at: number): BuiltinError {
  return new BuiltinError(`illegal base64 data at input byte ${at}`);
}

/** Encodes bytes. */
export function base64Encode(b: Uint8Array, variant: Base64Variant = STD_ENCODING): string {
  const alphabet = variant.url ? URL : STD;
  let s = "";
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = ((b[i] as number) << 16) | ((b[i + 1] as number) << 8) | (b[i + 2] as number);
    s +=
      (alphabet[n >> 18] as string) + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  const rest = b.length - i;
  if (rest === 1) {
    const n = (b[i] as number) << 16;
    s += (alphabet[n >> 18] as string) + alphabet[(n >> 12) & 63] + (variant.pad ? "==" : "");
  } else if (rest === 2) {
    const n = ((b[i] as number) << 16) | ((b[i + 1] as number) << 8);
    s +=
      (alphabet[n >> 18] as string) +
      alphabet[(n >> 12) & 63] +
      alphabet[(n >> 6) & 63] +
      (variant.pad ? "=" : "");
  }
  return s;
}

/**
 * Decodes like Go's `Encoding.DecodeString`: CR and LF are skipped, padding is checked when the
 * encoding has it, and errors name the offending byte offset of the UTF-8 input.
 */
export function base64Decode(text: string | Uint8Array, variant: Base64Variant = STD_ENCODING): Uint8Array {
  const src = typeof text === "string" ? utf8Encode(text) : text;
  const map = variant.url ? URL_MAP : STD_MAP;
  const out: number[] = [];
  const n = src.length;
  let si = 0;
  const isNl = (i: number): boolean => src[i] === 10 || src[i] === 13;
  while (true) {
    const q = [0, 0, 0, 0];
    let dlen = 4;
    let j = 0;
    let done = false;
    while (j < 4) {
      if (si === n) {
        if (j === 0) return Uint8Array.from(out);
        if (j === 1 || variant.pad) throw corruptInput(si - j);
        dlen = j;
        done = true;
        break;
      }
      const c = src[si] as number;
      si++;
      const v = map[c] as number;
      if (v >= 0) {
        q[j] = v;
        j++;
        continue;
      }
      if (c === 10 || c === 13) continue;
      if (c !== 61 || !variant.pad) throw corruptInput(si - 1);
      if (j < 2) throw corruptInput(si - 1);
      if (j === 2) {
        while (si < n && isNl(si)) si++;
        if (si === n) throw corruptInput(n);
        if (src[si] !== 61) throw corruptInput(si - 1);
        si++;
      }
      while (si < n && isNl(si)) si++;
      if (si < n) throw corruptInput(si);
      dlen = j;
      done = true;
      break;
    }
    const val =
      ((q[0] as number) << 18) | ((q[1] as number) << 12) | ((q[2] as number) << 6) | (q[3] as number);
    if (dlen >= 2) out.push((val >> 16) & 0xff);
    if (dlen >= 3) out.push((val >> 8) & 0xff);
    if (dlen >= 4) out.push(val & 0xff);
    if (done) return Uint8Array.from(out);
  }
}

/**
 * OPA's `base64url.decode`: unpadded input is padded first (length ≡ 1 mod 4 is rejected with
 * `illegal base64url string: …`), then decoded with the padded URL alphabet.
 */
export function base64UrlDecodeLenient(s: string): Uint8Array {
  let t = s;
  if (!t.endsWith("=")) {
    switch (t.length % 4) {
      case 0:
        break;
      case 2:
        t += "==";
        break;
      case 3:
        t += "=";
        break;
      default:
        throw new BuiltinError(`illegal base64url string: ${s}`);
    }
  }
  return base64Decode(t, URL_ENCODING);
}
