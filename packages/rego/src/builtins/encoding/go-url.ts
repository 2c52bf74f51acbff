import { utf8Decode, utf8Encode } from "../crypto/bytes.js";
import { BuiltinError } from "../errors.js";
import { goQuoteBytes } from "./go-quote.js";

/** Go's `net/url` query escaping: `QueryEscape`, `QueryUnescape`, `ParseQuery` and `Values.Encode`. */

const UPPER_HEX = "0123456789ABCDEF";

function isUnreserved(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0x5f ||
    c === 0x7e
  );
}

/** `url.QueryEscape`: unreserved bytes kept, space as `+`, everything else `%XX`. */
export function queryEscape(s: string): string {
  let out = "";
  for (const c of utf8Encode(s)) {
    if (isUnreserved(c)) out += String.fromCharCode(c);
    else if (c === 0x20) out += "+";
    else out += `%${UPPER_HEX[c >> 4]}${UPPER_HEX[c & 15]}`;
  }
  return out;
}

function hexVal(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** `url.QueryUnescape`; a bad escape throws `invalid URL escape "%zz"`. */
export function queryUnescape(s: string): string {
  const src = utf8Encode(s);
  const out: number[] = [];
  for (let i = 0; i < src.length; ) {
    const c = src[i] as number;
    if (c === 0x25) {
      const hi = hexVal(src[i + 1]);
      const lo = hexVal(src[i + 2]);
      if (i + 2 >= src.length || hi < 0 || lo < 0) {
        throw new BuiltinError(`invalid URL escape ${goQuoteBytes(src.subarray(i, i + 3))}`);
      }
      out.push(hi * 16 + lo);
      i += 3;
    } else {
      out.push(c === 0x2b ? 0x20 : c);
      i++;
    }
  }
  return utf8Decode(Uint8Array.from(out));
}

/** `url.ParseQuery`: keys in first-seen order with their values; the first error is thrown after parsing. */
export function parseQuery(query: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  let err: BuiltinError | undefined;
  for (const part of query === "" ? [] : query.split("&")) {
    if (part.includes(";")) {
      err ??= new BuiltinError("invalid semicolon separator in query");
      continue;
    }
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? "" : part.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = queryUnescape(rawKey);
      value = queryUnescape(rawValue);
    } catch (e: unknown) {
      if (!(e instanceof BuiltinError)) throw e;
      err ??= e;
      continue;
    }
    const list = m.get(key);
    if (list) list.push(value);
    else m.set(key, [value]);
  }
  if (err) throw err;
  return m;
}
