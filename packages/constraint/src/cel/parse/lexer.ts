/**
 * Character-level scanners for the CEL grammar of @bufbuild/cel 0.6: whitespace and comments,
 * identifiers, number literals and the bodies of quoted literals. Each takes the source and a
 * position and returns the position after the match (or -1 when nothing matches).
 */

const TAB = 9;
const LF = 10;
const FF = 12;
const CR = 13;
const SPACE = 32;
const SLASH = 47;
const MINUS = 45;
const DOT = 46;
const BACKSLASH = 92;

/** Whether `c` is one of `\t \n \f \r` and space. */
function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB || c === FF;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

function skipSpaces(src: string, i: number): number {
  while (i < src.length && isSpace(src.charCodeAt(i))) i++;
  return i;
}

/**
 * The grammar's `S`: optional whitespace, at most one `//` comment (which must end with a line
 * break), optional whitespace.
 */
export function skipS(src: string, i: number): number {
  i = skipSpaces(src, i);
  if (src.charCodeAt(i) === SLASH && src.charCodeAt(i + 1) === SLASH) {
    let j = i + 2;
    while (j < src.length) {
      const c = src.charCodeAt(j);
      if (c === LF || c === CR) break;
      j++;
    }
    if (j < src.length) {
      while (j < src.length) {
        const c = src.charCodeAt(j);
        if (c !== LF && c !== CR) break;
        j++;
      }
      i = skipSpaces(src, j);
    }
  }
  return i;
}

/** `[_a-zA-Z][_a-zA-Z0-9]*`: the end of the identifier at `i`, or -1. */
export function scanIdent(src: string, i: number): number {
  if (i >= src.length || !isIdentStart(src.charCodeAt(i))) return -1;
  i++;
  while (i < src.length && isIdentPart(src.charCodeAt(i))) i++;
  return i;
}

function digits(src: string, i: number): number {
  while (i < src.length && isDigit(src.charCodeAt(i))) i++;
  return i;
}

function hexDigits(src: string, i: number): number {
  while (i < src.length && isHex(src.charCodeAt(i))) i++;
  return i;
}

/** `[eE][+-]?[0-9]+` at `i`: its end, or -1. */
function exponent(src: string, i: number): number {
  const c = src.charCodeAt(i);
  if (c !== 101 && c !== 69) return -1;
  i++;
  const s = src.charCodeAt(i);
  if (s === 43 || s === MINUS) i++;
  const end = digits(src, i);
  return end > i ? end : -1;
}

/** `-?[0-9]*\.[0-9]+([eE][+-]?[0-9]+)? / -?[0-9]+[eE][+-]?[0-9]+`: the end, or -1. */
export function scanFloat(src: string, start: number): number {
  let i = start;
  if (src.charCodeAt(i) === MINUS) i++;
  const intEnd = digits(src, i);
  if (src.charCodeAt(intEnd) === DOT) {
    const fracEnd = digits(src, intEnd + 1);
    if (fracEnd > intEnd + 1) {
      const e = exponent(src, fracEnd);
      return e < 0 ? fracEnd : e;
    }
  }
  if (intEnd === i) return -1;
  return exponent(src, intEnd);
}

/** `0x[0-9a-fA-F]+ / [0-9]+` (no sign): the end, or -1. */
export function scanUnsignedDigits(src: string, i: number): number {
  if (src.charCodeAt(i) === 48 && src.charCodeAt(i + 1) === 120) {
    const end = hexDigits(src, i + 2);
    if (end > i + 2) return end;
  }
  const end = digits(src, i);
  return end > i ? end : -1;
}

/** One piece of a quoted literal: text, or the value of a `\x \u \U \ooo` escape (NaN if empty). */
export type Part = string | number;

/** A scanned quoted literal: its parts and the position after the closing quote. */
export interface Quoted {
  readonly parts: Part[];
  readonly end: number;
}

/** `\[xX]`, `\u`, `\U` escapes take up to 1, 2 or 4 pairs of hex digits (maybe none). */
function hexPairs(src: string, i: number, maxPairs: number): number {
  for (let n = 0; n < maxPairs; n++) {
    if (!isHex(src.charCodeAt(i)) || !isHex(src.charCodeAt(i + 1))) break;
    i += 2;
  }
  return i;
}

function isOctal(c: number, max: number): boolean {
  return c >= 48 && c <= max;
}

/** The numeric escape (`Bytes` rule) at `i` (a backslash): its value and end, or undefined. */
function numericEscape(src: string, i: number): { value: number; end: number } | undefined {
  const c = src.charCodeAt(i + 1);
  let pairs = 0;
  if (c === 120 || c === 88) pairs = 1;
  else if (c === 117) pairs = 2;
  else if (c === 85) pairs = 4;
  if (pairs > 0) {
    const end = hexPairs(src, i + 2, pairs);
    return { value: Number.parseInt(src.slice(i + 2, end), 16), end };
  }
  if (isOctal(c, 51) && isOctal(src.charCodeAt(i + 2), 55) && isOctal(src.charCodeAt(i + 3), 55)) {
    return { value: Number.parseInt(src.slice(i + 1, i + 4), 8), end: i + 4 };
  }
  return undefined;
}

/** The character of a one-letter escape `\a \b \f \n \r \t \v \" \' \` \\ \?`, or undefined. */
function simpleEscape(c: number): string | undefined {
  switch (c) {
    case 97:
      return "\x07";
    case 98:
      return "\b";
    case 102:
      return "\f";
    case 110:
      return "\n";
    case 114:
      return "\r";
    case 116:
      return "\t";
    case 118:
      return "\v";
    case 34:
      return '"';
    case 39:
      return "'";
    case 96:
      return "`";
    case BACKSLASH:
      return "\\";
    case 63:
      return "?";
    default:
      return undefined;
  }
}

/**
 * The body of a quoted literal whose opening quote `q` (one or three characters) ends at `i`, up
 * to and including the closing quote; `raw` bodies have no escapes. Single-quoted bodies stop at
 * line breaks. Undefined when the literal is not closed.
 */
function quotedBody(src: string, i: number, q: number, triple: boolean, raw: boolean): Quoted | undefined {
  const parts: Part[] = [];
  let textStart = i;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === q && (!triple || (src.charCodeAt(i + 1) === q && src.charCodeAt(i + 2) === q))) {
      if (i > textStart) parts.push(src.slice(textStart, i));
      return { parts, end: i + (triple ? 3 : 1) };
    }
    if (!triple && (c === LF || c === CR)) return undefined;
    if (c === BACKSLASH && !raw) {
      const num = numericEscape(src, i);
      if (num !== undefined) {
        if (i > textStart) parts.push(src.slice(textStart, i));
        parts.push(num.value);
        i = num.end;
        textStart = i;
        continue;
      }
      const simple = simpleEscape(src.charCodeAt(i + 1));
      if (simple !== undefined) {
        if (i > textStart) parts.push(src.slice(textStart, i));
        parts.push(simple);
        i += 2;
        textStart = i;
        continue;
      }
    }
    i++;
  }
  return undefined;
}

/**
 * The `CharacterSequence` at `i`: `[rR]?` then `"""…"""`, `'''…'''`, `"…"` or `'…'` (tried in
 * that order). Undefined when none matches.
 */
export function scanQuoted(src: string, i: number): Quoted | undefined {
  let c = src.charCodeAt(i);
  let raw = false;
  if (c === 114 || c === 82) {
    raw = true;
    i++;
    c = src.charCodeAt(i);
  }
  if (c !== 34 && c !== 39) return undefined;
  if (src.charCodeAt(i + 1) === c && src.charCodeAt(i + 2) === c) {
    const triple = quotedBody(src, i + 3, c, true, raw);
    if (triple !== undefined) return triple;
  }
  return quotedBody(src, i + 1, c, false, raw);
}
