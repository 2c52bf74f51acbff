/**
 * Where a JSON value ends, checked as strictly as `JSON.parse` checks it (RFC 8259), without
 * building anything: what lets a part of a request's text be kept as text and parsed only when
 * read ({@link ./lazy-managed-fields.ts}).
 */

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const LEFT_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RIGHT_BRACKET = 0x5d;
const LOWER_E = 0x65;
const LOWER_U = 0x75;
const LEFT_BRACE = 0x7b;
const RIGHT_BRACE = 0x7d;

/** Index of the first character at or after `i` that is not JSON whitespace. */
export function skipJsonSpace(text: string, i: number): number {
  let c = text.charCodeAt(i);
  if (c > SPACE) return i;
  while (c === SPACE || c === LF || c === CR || c === TAB) c = text.charCodeAt(++i);
  return i;
}

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** End of the string whose opening quote is at `i`, or -1. */
function stringEnd(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(++i);
    // Most characters: above the backslash, or between the quote and it.
    if (c > BACKSLASH || (c > QUOTE && c < BACKSLASH)) continue;
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) {
      const e = text.charCodeAt(++i);
      if (e === LOWER_U) {
        if (!isHex(text.charCodeAt(i + 1)) || !isHex(text.charCodeAt(i + 2))) return -1;
        if (!isHex(text.charCodeAt(i + 3)) || !isHex(text.charCodeAt(i + 4))) return -1;
        i += 4;
      } else if (!isEscape(e)) return -1;
    } else if (!(c >= SPACE)) return -1; // a control character, or the end of the text (NaN)
  }
}

/** `"`, `\`, `/`, `b`, `f`, `n`, `r`, `t`: what may follow a backslash besides `u`. */
function isEscape(c: number): boolean {
  return (
    c === QUOTE ||
    c === BACKSLASH ||
    c === 0x2f ||
    c === 0x62 ||
    c === 0x66 ||
    c === 0x6e ||
    c === 0x72 ||
    c === 0x74
  );
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** End of the number starting at `i`, or -1. */
function numberEnd(text: string, i: number): number {
  if (text.charCodeAt(i) === MINUS) i++;
  let c = text.charCodeAt(i);
  if (c === ZERO) c = text.charCodeAt(++i);
  else if (isDigit(c)) while (isDigit(c)) c = text.charCodeAt(++i);
  else return -1;
  if (c === DOT) {
    c = text.charCodeAt(++i);
    if (!isDigit(c)) return -1;
    while (isDigit(c)) c = text.charCodeAt(++i);
  }
  if (c === LOWER_E || c === UPPER_E) {
    c = text.charCodeAt(++i);
    if (c === PLUS || c === MINUS) c = text.charCodeAt(++i);
    if (!isDigit(c)) return -1;
    while (isDigit(c)) c = text.charCodeAt(++i);
  }
  return i;
}

/** End of `word` at `i`, or -1. */
function wordEnd(text: string, i: number, word: string): number {
  return text.startsWith(word, i) ? i + word.length : -1;
}

/** End of a number, true, false or null at `i` (`c` its first character), or -1. */
function bareScalarEnd(text: string, i: number, c: number): number {
  if (c === 0x74) return wordEnd(text, i, "true");
  if (c === 0x66) return wordEnd(text, i, "false");
  if (c === 0x6e) return wordEnd(text, i, "null");
  return numberEnd(text, i);
}

/**
 * The index just past the JSON value that starts at `start` (no whitespace before it), or -1 when
 * the text there is not a complete, valid value. Nesting is followed with a stack, not recursion.
 */
export function jsonValueEnd(text: string, start: number): number {
  // Open containers, innermost last: true for an object, false for an array.
  const open: boolean[] = [];
  let i = start;
  // Whether an object member's key (and its colon) comes before the next value.
  let key = false;
  for (;;) {
    if (key) {
      if (text.charCodeAt(i) !== QUOTE) return -1;
      i = stringEnd(text, i);
      if (i < 0) return -1;
      i = skipJsonSpace(text, i);
      if (text.charCodeAt(i) !== COLON) return -1;
      i = skipJsonSpace(text, i + 1);
      key = false;
    }
    let c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      if (i < 0) return -1;
    } else if (c === LEFT_BRACE || c === LEFT_BRACKET) {
      const object = c === LEFT_BRACE;
      i = skipJsonSpace(text, i + 1);
      if (text.charCodeAt(i) === (object ? RIGHT_BRACE : RIGHT_BRACKET)) i++;
      else {
        open.push(object);
        key = object;
        continue;
      }
    } else {
      i = bareScalarEnd(text, i, c);
      if (i < 0) return -1;
    }
    // After a value: close containers, or go on to the next member.
    for (;;) {
      if (open.length === 0) return i;
      i = skipJsonSpace(text, i);
      c = text.charCodeAt(i);
      const object = open[open.length - 1] === true;
      if (c === COMMA) {
        i = skipJsonSpace(text, i + 1);
        key = object;
        break;
      }
      if (c !== (object ? RIGHT_BRACE : RIGHT_BRACKET)) return -1;
      open.pop();
      i++;
    }
  }
}
