const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

const HEX4 = /^[0-9a-fA-F]{4}$/;

function isHigh(u: number): boolean {
  return u >= 0xd800 && u <= 0xdbff;
}

function isLow(u: number): boolean {
  return u >= 0xdc00 && u <= 0xdfff;
}

/**
 * Decodes the inside of a JSON string literal (without quotes), as Go's encoding/json does:
 * raw control characters and unknown escapes are rejected; unpaired surrogates become U+FFFD.
 * Returns undefined when the text is not a valid JSON string body.
 */
export function decodeJsonString(inner: string): string | undefined {
  let out = "";
  let i = 0;
  while (i < inner.length) {
    const c = inner.charCodeAt(i);
    if (c < 0x20) return undefined;
    if (c !== 92) {
      const next = inner.indexOf("\\", i);
      const stop = next < 0 ? inner.length : next;
      for (let k = i; k < stop; k++) if (inner.charCodeAt(k) < 0x20) return undefined;
      out += inner.slice(i, stop);
      i = stop;
      continue;
    }
    const e = inner[i + 1];
    if (e === undefined) return undefined;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    if (e !== "u") return undefined;
    const hex = inner.slice(i + 2, i + 6);
    if (!HEX4.test(hex)) return undefined;
    const u = Number.parseInt(hex, 16);
    i += 6;
    if (isHigh(u) && inner[i] === "\\" && inner[i + 1] === "u") {
      const hex2 = inner.slice(i + 2, i + 6);
      if (HEX4.test(hex2)) {
        const u2 = Number.parseInt(hex2, 16);
        if (isLow(u2)) {
          out += String.fromCharCode(u, u2);
          i += 6;
          continue;
        }
      }
    }
    out += isHigh(u) || isLow(u) ? "\uFFFD" : String.fromCharCode(u);
  }
  return out;
}

/** The number of UTF-8 bytes encoding `s` (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
