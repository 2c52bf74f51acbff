import { numberLiteral } from "../../value/number.js";
import { ObjectBuilder, type Value } from "../../value/value.js";
import { BuiltinError } from "../errors.js";
import { quoteRune } from "./go-quote.js";

/**
 * A JSON reader with Go's `encoding/json` grammar and error messages: `json.unmarshal` behaves
 * like OPA's `util.UnmarshalJSON` (a streaming decoder, then one more token), `json.is_valid`
 * like `json.Valid`, and {@link goJsonParse} like `json.Unmarshal`. Numbers keep integers exact;
 * a repeated key keeps its last value.
 */

/** A JSON syntax error, with Go's message, and the offset in the text where reading stopped. */
export class GoJsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "GoJsonSyntaxError";
  }
}

/** What a streaming decoder says when the text ends inside a value. */
const UNEXPECTED_EOF = "unexpected EOF";
/** What `json.Unmarshal` (and `json.Valid`'s scanner) says instead. */
const UNEXPECTED_END = "unexpected end of JSON input";
const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** Go's `quoteChar` for the byte at the start of `ch` (non-ASCII shows its first UTF-8 byte). */
function quoteChar(cp: number): string {
  let b = cp;
  if (cp >= 0x80) {
    if (cp < 0x800) b = 0xc0 | (cp >> 6);
    else if (cp < 0x10000) b = 0xe0 | (cp >> 12);
    else b = 0xf0 | (cp >> 18);
  }
  if (b === 39) return "'\\''";
  if (b === 34) return "'\"'";
  return `'${quoteRune(b)}'`;
}

/** Go's `maxNestingDepth`: arrays and objects open at once. */
const MAX_NESTING_DEPTH = 10_000;

/** Returned by `scalarOrOpen` when it opened a collection with members. */
const OPENED = Symbol("opened");

/** An array (`items`) or object (`builder`, and the `key` whose value comes next) being read. */
type OpenCollection =
  | { items: Value[]; builder: undefined; key: string }
  | { items: undefined; builder: ObjectBuilder; key: string };

class Reader {
  i = 0;
  constructor(
    private readonly s: string,
    /** The message for text that ends inside a value. */
    private readonly eofMessage: string = UNEXPECTED_EOF,
    /** Whether numbers become values; a syntax check (`json.Valid`) takes any size. */
    private readonly numbers: boolean = true,
  ) {}

  eof(): boolean {
    return this.i >= this.s.length;
  }

  skipWs(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      this.i++;
    }
  }

  fail(context: string): never {
    if (this.eof()) throw new GoJsonSyntaxError(this.eofMessage, this.i);
    const cp = this.s.codePointAt(this.i) ?? 0;
    throw new GoJsonSyntaxError(`invalid character ${quoteChar(cp)} ${context}`, this.i);
  }

  /**
   * One value, read with an explicit stack of the arrays and objects still open, so that nesting
   * costs no JavaScript stack; like Go, more than {@link MAX_NESTING_DEPTH} of them is an error.
   */
  value(): Value {
    const open: OpenCollection[] = [];
    for (;;) {
      let v = this.scalarOrOpen(open);
      if (v === OPENED) continue;
      for (;;) {
        const top = open[open.length - 1];
        if (top === undefined) return v;
        if (top.items !== undefined) top.items.push(v);
        else top.builder.set(top.key, v);
        this.skipWs();
        const c = this.s[this.i];
        if (c === (top.items !== undefined ? "]" : "}")) {
          this.i++;
          open.pop();
          v = top.items ?? top.builder.build();
          continue;
        }
        if (c !== ",")
          this.fail(top.items !== undefined ? "after array element" : "after object key:value pair");
        this.i++;
        this.skipWs();
        if (top.items === undefined) top.key = this.objectKey();
        break;
      }
    }
  }

  /** A scalar or an empty collection; or, for a collection with members, opens it and returns OPENED. */
  private scalarOrOpen(open: OpenCollection[]): Value | typeof OPENED {
    if (this.eof()) throw new GoJsonSyntaxError(this.eofMessage, this.i);
    const c = this.s[this.i] as string;
    switch (c) {
      case "{":
      case "[": {
        if (open.length >= MAX_NESTING_DEPTH) this.fail("exceeded max depth");
        this.i++;
        this.skipWs();
        if (c === "[") {
          if (this.s[this.i] === "]") {
            this.i++;
            return [];
          }
          open.push({ items: [], builder: undefined, key: "" });
          return OPENED;
        }
        const builder = new ObjectBuilder();
        if (this.s[this.i] === "}") {
          this.i++;
          return builder.build();
        }
        open.push({ items: undefined, builder, key: this.objectKey() });
        return OPENED;
      }
      case '"':
        return this.string();
      case "t":
        return this.literal("true", true);
      case "f":
        return this.literal("false", false);
      case "n":
        return this.literal("null", null);
    }
    if (c === "-" || (c >= "0" && c <= "9")) {
      const start = this.i;
      const text = this.number();
      if (!this.numbers) return 0;
      const n = numberLiteral(text);
      if (n === undefined) throw new GoJsonSyntaxError("number out of range", start);
      return n;
    }
    return this.fail("looking for beginning of value");
  }

  /** An object's key and the colon after it, leaving the reader at its value. */
  private objectKey(): string {
    if (this.s[this.i] !== '"') this.fail("looking for beginning of object key string");
    const k = this.string();
    this.skipWs();
    if (this.s[this.i] !== ":") this.fail("after object key");
    this.i++;
    this.skipWs();
    return k;
  }

  literal(word: string, v: Value): Value {
    for (let k = 1; k < word.length; k++) {
      this.i++;
      if (this.s[this.i] !== word[k]) this.fail(`in literal ${word} (expecting '${word[k]}')`);
    }
    this.i++;
    return v;
  }

  digits(context: string): void {
    if (!isDigit(this.s[this.i])) this.fail(context);
    while (isDigit(this.s[this.i])) this.i++;
  }

  number(): string {
    const start = this.i;
    if (this.s[this.i] === "-") this.i++;
    if (this.s[this.i] === "0") this.i++;
    else this.digits("in numeric literal");
    if (this.s[this.i] === ".") {
      this.i++;
      this.digits("after decimal point in numeric literal");
    }
    const e = this.s[this.i];
    if (e === "e" || e === "E") {
      this.i++;
      const sign = this.s[this.i];
      if (sign === "+" || sign === "-") this.i++;
      this.digits("in exponent of numeric literal");
    }
    return this.s.slice(start, this.i);
  }

  string(): string {
    const s = this.s;
    this.i++;
    let out = "";
    let run = this.i;
    for (;;) {
      if (this.i >= s.length) throw new GoJsonSyntaxError(this.eofMessage, this.i);
      const c = s.charCodeAt(this.i);
      if (c === 34) {
        out += s.slice(run, this.i);
        this.i++;
        return toWellFormed(out);
      }
      if (c < 0x20) this.fail("in string literal");
      if (c !== 92) {
        this.i++;
        continue;
      }
      out += s.slice(run, this.i);
      this.i++;
      if (this.i >= s.length) throw new GoJsonSyntaxError(this.eofMessage, this.i);
      const e = s[this.i] as string;
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        this.i++;
      } else if (e === "u") out += this.unicodeEscape();
      else this.fail("in string escape code");
      run = this.i;
    }
  }

  hex4(): number {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      this.i++;
      const d = Number.parseInt(this.s[this.i] ?? "", 16);
      if (Number.isNaN(d)) this.fail("in \\u hexadecimal character escape");
      v = v * 16 + d;
    }
    this.i++;
    return v;
  }

  unicodeEscape(): string {
    const hi = this.hex4();
    if (hi < 0xd800 || hi > 0xdfff) return String.fromCharCode(hi);
    if (hi <= 0xdbff && this.s.startsWith("\\u", this.i)) {
      const save = this.i;
      this.i++;
      const lo = this.hex4();
      if (lo >= 0xdc00 && lo <= 0xdfff) return String.fromCharCode(hi, lo);
      this.i = save;
    }
    return "\ufffd";
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replaces lone surrogates with U+FFFD (what Go's UTF-8 strings hold instead). */
export function toWellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, "\ufffd");
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** Parses like OPA's `json.unmarshal`; throws `BuiltinError` with Go's message. */
export function goJsonUnmarshal(text: string): Value {
  const r = new Reader(text);
  try {
    r.skipWs();
    if (r.eof()) throw new GoJsonSyntaxError("EOF", r.i);
    const v = r.value();
    r.skipWs();
    if (r.eof()) return v;
    const c = text[r.i] as string;
    if (c === "{" || c === "[")
      throw new GoJsonSyntaxError(`error: invalid character '${c}' after top-level value`, r.i);
    if (c === "}" || c === "]" || c === "," || c === ":") r.fail("looking for beginning of value");
    const start = r.i;
    const tok = r.value();
    if (tok === null) return v;
    const shown =
      typeof tok === "boolean" ? `%!s(bool=${tok})` : typeof tok === "string" ? tok : text.slice(start, r.i);
    throw new GoJsonSyntaxError(`error: invalid character '${shown}' after top-level value`, start);
  } catch (e: unknown) {
    if (e instanceof GoJsonSyntaxError) throw new BuiltinError(e.message);
    throw e;
  }
}

/**
 * Parses like Go's `json.Unmarshal` into an interface: exactly one value, surrounded by whitespace
 * only; throws {@link GoJsonSyntaxError} with Go's message.
 */
export function goJsonParse(text: string): Value {
  const r = new Reader(text, UNEXPECTED_END);
  r.skipWs();
  const v = r.value();
  r.skipWs();
  if (!r.eof()) r.fail("after top-level value");
  return v;
}

/** Go's `json.Valid`: exactly one JSON value, surrounded by whitespace only. */
export function goJsonValid(text: string): boolean {
  const r = new Reader(text, UNEXPECTED_END, false);
  try {
    r.skipWs();
    r.value();
    r.skipWs();
    return r.eof();
  } catch (e: unknown) {
    if (e instanceof GoJsonSyntaxError) return false;
    throw e;
  }
}
