/**
 * Values of quoted literals, as @bufbuild/cel 0.6 computes them: a numeric escape in a string is a
 * code point (surrogates, values above U+10FFFF and empty escapes are errors); in bytes it is one
 * byte (the value modulo 256, an empty escape 0), and text is UTF-8 encoded one UTF-16 unit at a
 * time (so a lone or paired surrogate becomes U+FFFD).
 */
import type { Part } from "./lexer.js";

/** The string value of `parts`, or undefined when @bufbuild/cel rejects a code point. */
export function stringValue(parts: readonly Part[]): string | undefined {
  if (parts.length === 1 && typeof parts[0] === "string") return parts[0];
  let s = "";
  for (const p of parts) {
    if (typeof p === "string") {
      s += p;
      continue;
    }
    if (Number.isNaN(p) || p > 0x10ffff || (p >= 0xd800 && p < 0xe000)) return undefined;
    s += String.fromCodePoint(p);
  }
  return s;
}

/** The bytes value of `parts`. */
export function bytesValue(parts: readonly Part[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === "number") {
      out.push(p & 0xff);
      continue;
    }
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
      else if (c >= 0xd800 && c < 0xe000) out.push(0xef, 0xbf, 0xbd);
      else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
  }
  return Uint8Array.from(out);
}
