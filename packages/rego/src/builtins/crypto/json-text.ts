import { parseNumber } from "../../value/number.js";
import { ObjectBuilder, type Value } from "../../value/value.js";

/**
 * JSON text to Rego values with Go's `encoding/json` behaviour: big integers stay exact, a
 * repeated key keeps its last value, and errors read like Go's (`invalid character 'x' …`).
 */
export class JsonSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JsonSyntaxError";
  }
}

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

class Parser {
  pos = 0;

  constructor(private readonly s: string) {}

  fail(context: string): never {
    if (this.pos >= this.s.length) throw new JsonSyntaxError("unexpected end of JSON input");
    const c = String.fromCodePoint(this.s.codePointAt(this.pos) ?? 0);
    throw new JsonSyntaxError(`invalid character ${quoteChar(c)} ${context}`);
  }

  ws(): void {
    for (;;) {
      const c = this.s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else return;
    }
  }

  value(): Value {
    this.ws();
    const c = this.s[this.pos];
    switch (c) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case '"':
        return this.string();
      case "t":
        return this.literal("true", true);
      case "f":
        return this.literal("false", false);
      case "n":
        return this.literal("null", null);
      default:
        if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
        return this.fail("looking for beginning of value");
    }
  }

  literal(word: string, v: Value): Value {
    for (let i = 0; i < word.length; i++) {
      if (this.s[this.pos] !== word[i])
        this.fail(`in literal ${word} (expecting ${quoteChar(word[i] as string)})`);
      this.pos++;
    }
    return v;
  }

  number(): Value {
    const start = this.pos;
    const digit = (): boolean => {
      const c = this.s[this.pos];
      return c !== undefined && c >= "0" && c <= "9";
    };
    if (this.s[this.pos] === "-") {
      this.pos++;
      if (!digit()) this.fail("in numeric literal");
    }
    if (this.s[this.pos] === "0") this.pos++;
    else while (digit()) this.pos++;
    if (this.s[this.pos] === ".") {
      this.pos++;
      if (!digit()) this.fail("after decimal point in numeric literal");
      while (digit()) this.pos++;
    }
    if (this.s[this.pos] === "e" || this.s[this.pos] === "E") {
      this.pos++;
      if (this.s[this.pos] === "+" || this.s[this.pos] === "-") this.pos++;
      if (!digit()) this.fail("in exponent of numeric literal");
      while (digit()) this.pos++;
    }
    return parseNumber(this.s.slice(start, this.pos));
  }

  string(): string {
    this.pos++;
    let out = "";
    let start = this.pos;
    for (;;) {
      if (this.pos >= this.s.length) throw new JsonSyntaxError("unexpected end of JSON input");
      const c = this.s.charCodeAt(this.pos);
      if (c === 34) {
        out += this.s.slice(start, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail("in string literal");
      if (c !== 92) {
        this.pos++;
        continue;
      }
      out += this.s.slice(start, this.pos);
      this.pos++;
      const e = this.s[this.pos];
      const simple: Record<string, string> = {
        '"': '"',
        "\\": "\\",
        "/": "/",
        b: "\b",
        f: "\f",
        n: "\n",
        r: "\r",
        t: "\t",
      };
      if (e !== undefined && simple[e] !== undefined) {
        out += simple[e];
        this.pos++;
      } else if (e === "u") {
        this.pos++;
        const hex = this.s.slice(this.pos, this.pos + 4);
        for (let i = 0; i < 4; i++) {
          if (!/[0-9a-fA-F]/.test(this.s[this.pos] ?? "")) this.fail("in \\u hexadecimal character escape");
          this.pos++;
        }
        out += String.fromCharCode(Number.parseInt(hex, 16));
      } else this.fail("in string escape code");
      start = this.pos;
    }
  }

  array(): Value {
    this.pos++;
    const out: Value[] = [];
    this.ws();
    if (this.s[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.pos];
      if (c === ",") {
        this.pos++;
        continue;
      }
      if (c === "]") {
        this.pos++;
        return out;
      }
      this.fail("after array element");
    }
  }

  object(): Value {
    this.pos++;
    const b = new ObjectBuilder();
    this.ws();
    if (this.s[this.pos] === "}") {
      this.pos++;
      return b.build();
    }
    for (;;) {
      this.ws();
      if (this.s[this.pos] !== '"') this.fail("looking for beginning of object key string");
      const k = this.string();
      this.ws();
      if (this.s[this.pos] !== ":") this.fail("after object key");
      this.pos++;
      b.set(k, this.value());
      this.ws();
      const c = this.s[this.pos];
      if (c === ",") {
        this.pos++;
        continue;
      }
      if (c === "}") {
        this.pos++;
        return b.build();
      }
      this.fail("after object key:value pair");
    }
  }
}

/** Parses one JSON document; trailing non-space text is an error. */
export function parseJsonText(s: string): Value {
  const p = new Parser(s);
  if (s.trim() === "") throw new JsonSyntaxError("unexpected end of JSON input");
  const v = p.value();
  p.ws();
  if (p.pos < s.length) p.fail("after top-level value");
  return v;
}
