import type { Comment } from "../ast/nodes.js";
import type { Location } from "../location.js";
import { decodeJsonString } from "./strings.js";
import type { Token, TokenKind } from "./tokens.js";

/** The tokens of a source (ending with one `eof` token) and its comments. */
export interface LexResult {
  readonly tokens: readonly Token[];
  readonly comments: readonly Comment[];
}

const SINGLE: ReadonlyMap<number, TokenKind> = new Map(
  (["[", "]", "(", ")", ",", ";", ".", "+", "-", "*", "/", "%", "&", "|"] as const).map((k) => [
    k.charCodeAt(0),
    k,
  ]),
);

type TokenExtra = Pick<Token, "badEscape" | "raw" | "last">;

const UNICODE_DIGIT = /^\p{Nd}$/u;

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isHex(c: number): boolean {
  return isDecimal(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isDecimal(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** An open template string whose embedded expression is being lexed. */
interface TemplateFrame {
  readonly raw: boolean;
  depth: number;
}

/**
 * Splits Rego source into tokens in one linear pass. Positions follow OPA: rows and columns are
 * 1-based, columns count code points, offsets count UTF-8 bytes. Template strings are lexed with
 * a stack of open templates so that the `}` closing an embedded expression resumes the template.
 */
export function lex(text: string, file: string): LexResult {
  return new Lexer(text, file).run();
}

class Lexer {
  private i = 0;
  private byte = 0;
  private row = 1;
  private col = 1;
  private errors: string[] = [];
  private readonly tokens: Token[] = [];
  private readonly comments: Comment[] = [];
  private readonly templates: TemplateFrame[] = [];
  private ws = false;
  private nl = false;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  run(): LexResult {
    if (this.text.charCodeAt(0) === 0xfeff) {
      // OPA counts the byte-order mark in offsets and columns but otherwise skips it.
      this.i = 1;
      this.byte = 3;
      this.col = 2;
    }
    for (;;) {
      if (this.i >= this.text.length) {
        // OPA places end-of-input on the last character of a line that lacks a final newline.
        const last = this.text.charCodeAt(this.i - 1);
        const loc = this.i > 0 && last !== 10 ? { ...this.here(), col: this.col - 1 } : this.here();
        this.tokens.push(this.make("eof", "", loc, this.i));
        return { tokens: this.tokens, comments: this.comments };
      }
      this.scanOne();
    }
  }

  private here(): Location {
    return { file: this.file, row: this.row, col: this.col, offset: this.byte };
  }

  private peek(k = 0): number {
    return this.text.charCodeAt(this.i + k);
  }

  /** Moves past one code point, tracking bytes, rows and columns, and noting bad characters. */
  private advance(): void {
    const c = this.text.charCodeAt(this.i);
    if (c === 10) {
      this.i++;
      this.byte++;
      this.row++;
      this.col = 1;
      return;
    }
    this.col++;
    if (c < 0x80) {
      if (c === 0) this.errors.push("illegal null character");
      this.i++;
      this.byte++;
    } else if (c < 0x800) {
      this.i++;
      this.byte += 2;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const d = this.text.charCodeAt(this.i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        this.i += 2;
        this.byte += 4;
      } else {
        this.errors.push("illegal utf-8 character");
        this.i++;
        this.byte += 3;
      }
    } else {
      if (c >= 0xdc00 && c <= 0xdfff) this.errors.push("illegal utf-8 character");
      else if (c === 0xfeff) this.errors.push("illegal byte-order mark");
      this.i++;
      this.byte += 3;
    }
  }

  private make(kind: TokenKind, text: string, loc: Location, start: number, extra?: TokenExtra): Token {
    const errors = this.errors;
    const bad = errors.length > 0;
    const tok: Token = {
      kind: bad ? "illegal" : kind,
      text,
      loc,
      start,
      end: this.i,
      ws: this.ws,
      nl: this.nl,
      errors: bad ? errors : undefined,
      badEscape: extra?.badEscape,
      raw: extra?.raw,
      last: extra?.last,
    };
    if (bad) this.errors = [];
    this.ws = false;
    this.nl = false;
    return tok;
  }

  private push(kind: TokenKind, loc: Location, start: number): void {
    this.tokens.push(this.make(kind, this.text.slice(start, this.i), loc, start));
  }

  /** A one- or two-character operator: `next` is the second character that makes it two. */
  private operator(loc: Location, start: number, one: TokenKind | undefined, two: TokenKind): void {
    if (this.peek() === 61) {
      this.advance();
      this.push(two, loc, start);
      return;
    }
    if (one === undefined) this.errors.push("illegal ! character");
    this.push(one ?? "illegal", loc, start);
  }

  private scanOne(): void {
    const c = this.peek();
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      this.ws = true;
      if (c === 10) {
        this.nl = true;
        this.advance();
        return;
      }
      const text = this.text;
      let j = this.i + 1;
      for (let d = text.charCodeAt(j); d === 32 || d === 9 || d === 13; d = text.charCodeAt(++j));
      this.byte += j - this.i;
      this.col += j - this.i;
      this.i = j;
      return;
    }
    const loc = this.here();
    const start = this.i;
    if (isLetter(c)) {
      this.skipAsciiIdent();
      while (this.i < this.text.length && this.isIdentPart()) this.advance();
      this.push("ident", loc, start);
      return;
    }
    if (isDecimal(c)) {
      this.scanNumber();
      this.push("number", loc, start);
      return;
    }
    this.advance();
    switch (c) {
      case 35:
        this.scanComment(loc, start);
        return;
      case 34:
        this.scanString(loc, start);
        return;
      case 96:
        this.scanRawString(loc, start);
        return;
      case 36:
        this.scanDollar(loc, start);
        return;
      case 123: {
        const top = this.templates[this.templates.length - 1];
        if (top) top.depth++;
        this.push("{", loc, start);
        return;
      }
      case 125:
        this.scanRBrace(loc, start);
        return;
      case 58:
        this.operator(loc, start, ":", ":=");
        return;
      case 61:
        this.operator(loc, start, "=", "==");
        return;
      case 62:
        this.operator(loc, start, ">", ">=");
        return;
      case 60:
        this.operator(loc, start, "<", "<=");
        return;
      case 33:
        this.operator(loc, start, undefined, "!=");
        return;
    }
    // Any other character (including non-ASCII letters) is its own token, or an illegal one.
    this.push(SINGLE.get(c) ?? "illegal", loc, start);
  }

  /**
   * Moves past printable ASCII (and tabs) up to, not including, `stop1` or `stop2`: characters the
   * slow path would only count.
   */
  private skipPlainAscii(stop1: number, stop2: number): void {
    const text = this.text;
    let j = this.i;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === stop1 || c === stop2 || c >= 0x7f || (c < 0x20 && c !== 9)) break;
      j++;
    }
    this.byte += j - this.i;
    this.col += j - this.i;
    this.i = j;
  }

  /** Moves past ASCII letters, digits and underscores (the common case of an identifier). */
  private skipAsciiIdent(): void {
    const text = this.text;
    let j = this.i;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (!isLetter(c) && !isDecimal(c)) break;
      j++;
    }
    this.byte += j - this.i;
    this.col += j - this.i;
    this.i = j;
  }

  private isIdentPart(): boolean {
    const c = this.peek();
    if (isLetter(c) || isDecimal(c)) return true;
    if (c < 0x80) return false;
    const cp = this.text.codePointAt(this.i);
    return cp !== undefined && UNICODE_DIGIT.test(String.fromCodePoint(cp));
  }

  private scanComment(loc: Location, start: number): void {
    this.skipPlainAscii(10, 10);
    while (this.i < this.text.length && this.peek() !== 10) this.advance();
    let end = this.i;
    if (end > start + 1 && this.text.charCodeAt(end - 1) === 13) end--;
    if (this.errors.length > 0) {
      this.tokens.push(this.make("illegal", this.text.slice(start, end), loc, start));
      return;
    }
    this.comments.push({ text: this.text.slice(start + 1, end), loc });
    this.ws = true;
  }

  private scanNumber(): void {
    while (isDecimal(this.peek())) this.advance();
    if (this.peek() === 46) {
      this.advance();
      let found = false;
      while (isDecimal(this.peek())) {
        this.advance();
        found = true;
      }
      if (!found) this.errors.push("expected fraction");
    }
    const e = this.peek();
    if (e === 101 || e === 69) {
      this.advance();
      const s = this.peek();
      if (s === 43 || s === 45) this.advance();
      let found = false;
      while (isDecimal(this.peek())) {
        this.advance();
        found = true;
      }
      if (!found) this.errors.push("expected exponent");
    }
    if (isLetter(this.peek())) {
      this.errors.push("illegal number format");
      while (this.i < this.text.length && this.isIdentPart()) this.advance();
    }
  }

  /** After a backslash inside a double-quoted literal: validates and skips the escape. */
  private scanEscape(allowBrace: boolean): "brace" | "ok" | "bad" {
    const c = this.peek();
    switch (c) {
      case 92:
      case 34:
      case 47:
      case 98:
      case 102:
      case 110:
      case 114:
      case 116:
        this.advance();
        return "ok";
      case 117:
        this.advance();
        for (let k = 0; k < 4 && isHex(this.peek()); k++) this.advance();
        return "ok";
      case 123:
        if (allowBrace) {
          this.advance();
          return "brace";
        }
        break;
    }
    this.errors.push("illegal escape sequence");
    return "bad";
  }

  private scanString(loc: Location, start: number): void {
    let escaped = false;
    for (;;) {
      this.skipPlainAscii(34, 92);
      const c = this.peek();
      if (c === 10 || this.i >= this.text.length) {
        this.errors.push("non-terminated string");
        break;
      }
      this.advance();
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        this.scanEscape(false);
      }
    }
    const lit = this.text.slice(start, this.i);
    if (this.errors.length > 0) {
      this.tokens.push(this.make("illegal", lit, loc, start));
      return;
    }
    const inner = lit.slice(1, -1);
    if (!escaped) {
      this.tokens.push(this.make("string", inner, loc, start));
      return;
    }
    const decoded = decodeJsonString(inner);
    this.tokens.push(
      decoded === undefined
        ? this.make("string", lit, loc, start, { badEscape: true })
        : this.make("string", decoded, loc, start),
    );
  }

  private scanRawString(loc: Location, start: number): void {
    for (;;) {
      if (this.i >= this.text.length) {
        this.errors.push("non-terminated string");
        break;
      }
      const c = this.peek();
      this.advance();
      if (c === 96) break;
    }
    const lit = this.text.slice(start, this.i);
    this.tokens.push(this.make("string", lit.slice(1, -1), loc, start));
  }

  private scanDollar(loc: Location, start: number): void {
    const c = this.peek();
    if (c === 34 || c === 96) {
      this.advance();
      this.scanTemplatePart(c === 96, loc, start);
      return;
    }
    this.errors.push("illegal $ character");
    this.tokens.push(this.make("illegal", "$", loc, start));
  }

  private scanRBrace(loc: Location, start: number): void {
    const top = this.templates[this.templates.length - 1];
    if (top === undefined || top.depth > 0) {
      if (top) top.depth--;
      this.tokens.push(this.make("}", "}", loc, start));
      return;
    }
    this.tokens.push(this.make("}", "}", loc, start));
    this.templates.pop();
    this.scanTemplatePart(top.raw, this.here(), this.i);
  }

  /** Scans template-string text up to its end or to the `{` opening an embedded expression. */
  private scanTemplatePart(raw: boolean, loc: Location, start: number): void {
    let text = "";
    let chunk = this.i;
    let last = false;
    let escaped = false;
    for (;;) {
      const c = this.peek();
      if (this.i >= this.text.length || (!raw && c === 10)) {
        this.errors.push("non-terminated string");
        text += this.text.slice(chunk, this.i);
        break;
      }
      const before = this.i;
      this.advance();
      if (c === (raw ? 96 : 34)) {
        text += this.text.slice(chunk, before);
        last = true;
        break;
      }
      if (c === 123) {
        text += this.text.slice(chunk, before);
        this.templates.push({ raw, depth: 0 });
        break;
      }
      if (c !== 92) continue;
      if (raw) {
        if (this.peek() === 123) {
          text += this.text.slice(chunk, before);
          chunk = this.i;
          this.advance();
        }
        continue;
      }
      if (this.scanEscape(true) === "brace") {
        text += this.text.slice(chunk, before);
        chunk = this.i - 1;
      } else {
        escaped = true;
      }
    }
    const lit = this.text.slice(start, this.i);
    if (raw || !escaped || this.errors.length > 0) {
      this.tokens.push(this.make("template", text, loc, start, { raw, last }));
      return;
    }
    const decoded = decodeJsonString(text);
    this.tokens.push(
      decoded === undefined
        ? this.make("template", lit, loc, start, { raw, last, badEscape: true })
        : this.make("template", decoded, loc, start, { raw, last }),
    );
  }
}
