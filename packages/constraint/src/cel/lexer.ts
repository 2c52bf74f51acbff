/** The CEL lexer: turns source text into tokens. */
import { CelCompileError, lineCol } from "./errors.js";
import { utf8Encode } from "./utf8.js";

export type TokenKind = "ident" | "int" | "uint" | "double" | "string" | "bytes" | "punct" | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** Identifier name, punctuation, or the decoded literal text. */
  readonly text: string;
  /** Numeric literal value; for bytes, the bytes. */
  readonly num?: bigint | number;
  readonly bytes?: Uint8Array;
  readonly pos: number;
}

const PUNCT2 = new Set(["==", "!=", "<=", ">=", "&&", "||", ".?", "[?"]);
const PUNCT1 = new Set([..."+-*/%<>!?:.,()[]{}="]);

const ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "`": "`",
  "?": "?",
};

function fail(src: string, pos: number, msg: string): never {
  const { row, col } = lineCol(src, pos);
  throw new CelCompileError("cel_syntax_error", `Syntax error: ${msg}`, row, col);
}

function isIdentStart(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

/** Tokenizes a CEL expression. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i] ?? "";
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f") {
      i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "/") {
      while (i < n && src[i] !== "\n") i++;
      continue;
    }
    const start = i;
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && (isIdentStart(src[j] ?? "") || isDigit(src[j] ?? ""))) j++;
      const word = src.slice(i, j);
      // String and bytes prefixes: r"..", b"..", rb"..", br"..".
      const next = src[j];
      if ((next === '"' || next === "'") && /^(r|R|b|B|rb|rB|Rb|RB|br|bR|Br|BR)$/.test(word)) {
        const raw = /r/i.test(word);
        const isBytes = /b/i.test(word);
        i = readString(src, j, raw, isBytes, out, start);
        continue;
      }
      out.push({ kind: "ident", text: word, pos: start });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === "." && isDigit(src[i + 1] ?? ""))) {
      i = readNumber(src, i, out);
      continue;
    }
    if (c === '"' || c === "'") {
      i = readString(src, i, false, false, out, start);
      continue;
    }
    const two = src.slice(i, i + 2);
    if (PUNCT2.has(two)) {
      out.push({ kind: "punct", text: two, pos: i });
      i += 2;
      continue;
    }
    if (PUNCT1.has(c)) {
      if (c === "=") fail(src, i, "token recognition error at: '='");
      out.push({ kind: "punct", text: c, pos: i });
      i++;
      continue;
    }
    fail(src, i, `token recognition error at: '${c}'`);
  }
  out.push({ kind: "eof", text: "", pos: n });
  return out;
}

function readNumber(src: string, i: number, out: Token[]): number {
  const start = i;
  if (src[i] === "0" && (src[i + 1] === "x" || src[i + 1] === "X")) {
    let j = i + 2;
    while (j < src.length && /[0-9a-fA-F]/.test(src[j] ?? "")) j++;
    if (j === i + 2) fail(src, i, "invalid hex literal");
    const value = BigInt(src.slice(i, j));
    if (src[j] === "u" || src[j] === "U") {
      out.push({ kind: "uint", text: src.slice(i, j + 1), num: value, pos: start });
      return j + 1;
    }
    out.push({ kind: "int", text: src.slice(i, j), num: value, pos: start });
    return j;
  }
  let j = i;
  while (isDigit(src[j] ?? "")) j++;
  let isDouble = false;
  if (src[j] === "." && isDigit(src[j + 1] ?? "")) {
    isDouble = true;
    j++;
    while (isDigit(src[j] ?? "")) j++;
  }
  if (src[j] === "e" || src[j] === "E") {
    let k = j + 1;
    if (src[k] === "+" || src[k] === "-") k++;
    if (isDigit(src[k] ?? "")) {
      isDouble = true;
      j = k;
      while (isDigit(src[j] ?? "")) j++;
    }
  }
  const text = src.slice(i, j);
  if (isDouble) {
    out.push({ kind: "double", text, num: Number(text), pos: start });
    return j;
  }
  if (src[j] === "u" || src[j] === "U") {
    out.push({ kind: "uint", text: `${text}u`, num: BigInt(text), pos: start });
    return j + 1;
  }
  out.push({ kind: "int", text, num: BigInt(text), pos: start });
  return j;
}

function readString(
  src: string,
  i: number,
  raw: boolean,
  isBytes: boolean,
  out: Token[],
  start: number,
): number {
  const q = src[i] ?? "";
  const triple = src.slice(i, i + 3) === q.repeat(3);
  const delim = triple ? q.repeat(3) : q;
  let j = i + delim.length;
  let text = "";
  const bytes: number[] = [];
  const push = (s: string): void => {
    text += s;
    if (isBytes) for (const b of utf8Encode(s)) bytes.push(b);
  };
  for (;;) {
    if (j >= src.length) fail(src, start, "unterminated string literal");
    if (src.startsWith(delim, j)) {
      j += delim.length;
      break;
    }
    const c = src[j] ?? "";
    if (!triple && (c === "\n" || c === "\r")) fail(src, j, "newline in string literal");
    if (c === "\\" && !raw) {
      const e = src[j + 1] ?? "";
      if (e in ESCAPES) {
        push(ESCAPES[e] ?? "");
        j += 2;
        continue;
      }
      if (e === "x" || e === "X" || e === "u" || e === "U") {
        const len = e === "x" || e === "X" ? 2 : e === "u" ? 4 : 8;
        const hex = src.slice(j + 2, j + 2 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) fail(src, j, "invalid escape sequence");
        const code = Number.parseInt(hex, 16);
        if ((e === "x" || e === "X") && isBytes) {
          text += String.fromCharCode(code);
          bytes.push(code);
        } else {
          if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000))
            fail(src, j, "invalid unicode code point");
          if (isBytes && e !== "x" && e !== "X") fail(src, j, "unicode escape in bytes literal");
          push(String.fromCodePoint(code));
        }
        j += 2 + len;
        continue;
      }
      if (e >= "0" && e <= "3") {
        const oct = src.slice(j + 1, j + 4);
        if (!/^[0-7]{3}$/.test(oct)) fail(src, j, "invalid octal escape");
        const code = Number.parseInt(oct, 8);
        if (isBytes) {
          text += String.fromCharCode(code);
          bytes.push(code);
        } else push(String.fromCodePoint(code));
        j += 4;
        continue;
      }
      fail(src, j, "invalid escape sequence");
    }
    const cp = src.codePointAt(j) ?? 0;
    const ch = String.fromCodePoint(cp);
    push(ch);
    j += ch.length;
  }
  if (isBytes) out.push({ kind: "bytes", text, bytes: Uint8Array.from(bytes), pos: start });
  else out.push({ kind: "string", text, pos: start });
  return j;
}
