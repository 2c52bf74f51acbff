/** The CEL parser: a recursive-descent parser over {@link tokenize}'s tokens. */
import type { BinaryOp, Expr, MapEntry } from "./ast.js";
import { CelCompileError, lineCol } from "./errors.js";
import { type Token, tokenize } from "./lexer.js";
import { CelUint } from "./values.js";

const RESERVED = new Set([
  "as",
  "break",
  "const",
  "continue",
  "else",
  "for",
  "function",
  "if",
  "import",
  "let",
  "loop",
  "package",
  "namespace",
  "return",
  "var",
  "void",
  "while",
]);

const MAX_DEPTH = 250;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Parses a CEL expression; throws {@link CelCompileError} with line and column on bad syntax. */
export function parse(src: string): Expr {
  return new Parser(src).parseAll();
}

class Parser {
  private readonly toks: Token[];
  private i = 0;
  private depth = 0;

  constructor(private readonly src: string) {
    this.toks = tokenize(src);
  }

  parseAll(): Expr {
    const e = this.expr();
    const t = this.peek();
    if (t.kind !== "eof") this.fail(t, `mismatched input '${t.text}' expecting <EOF>`);
    return e;
  }

  private peek(): Token {
    return this.toks[this.i] ?? { kind: "eof", text: "", pos: this.src.length };
  }

  private next(): Token {
    const t = this.peek();
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }

  private isPunct(text: string): boolean {
    const t = this.peek();
    return t.kind === "punct" && t.text === text;
  }

  private accept(text: string): boolean {
    if (this.isPunct(text)) {
      this.next();
      return true;
    }
    return false;
  }

  private expect(text: string): Token {
    const t = this.peek();
    if (t.kind !== "punct" || t.text !== text)
      this.fail(t, `mismatched input '${t.kind === "eof" ? "<EOF>" : t.text}' expecting '${text}'`);
    return this.next();
  }

  private fail(t: Token, msg: string): never {
    const { row, col } = lineCol(this.src, t.pos);
    throw new CelCompileError("cel_syntax_error", `Syntax error: ${msg}`, row, col);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(this.peek(), "expression recursion limit exceeded");
  }

  private expr(): Expr {
    this.enter();
    const cond = this.or();
    let out = cond;
    if (this.isPunct("?")) {
      const pos = this.next().pos;
      const then = this.or();
      this.expect(":");
      const otherwise = this.expr();
      out = { k: "cond", cond, then, else: otherwise, pos };
    }
    this.depth--;
    return out;
  }

  private binaryLevel(ops: readonly string[], sub: () => Expr): Expr {
    let left = sub();
    for (;;) {
      const t = this.peek();
      const isIn = t.kind === "ident" && t.text === "in" && ops.includes("in");
      if (!isIn && !(t.kind === "punct" && ops.includes(t.text))) return left;
      this.next();
      const right = sub();
      left = { k: "binary", op: t.text as BinaryOp, left, right, pos: t.pos };
    }
  }

  private or(): Expr {
    return this.binaryLevel(["||"], () => this.and());
  }

  private and(): Expr {
    return this.binaryLevel(["&&"], () => this.relation());
  }

  private relation(): Expr {
    return this.binaryLevel(["<", "<=", ">", ">=", "==", "!=", "in"], () => this.addition());
  }

  private addition(): Expr {
    return this.binaryLevel(["+", "-"], () => this.multiplication());
  }

  private multiplication(): Expr {
    return this.binaryLevel(["*", "/", "%"], () => this.unary());
  }

  private unary(): Expr {
    const t = this.peek();
    if (this.isPunct("!")) {
      this.next();
      this.enter();
      const operand = this.unary();
      this.depth--;
      return { k: "unary", op: "!", operand, pos: t.pos };
    }
    if (this.isPunct("-")) {
      this.next();
      const lit = this.peek();
      if (lit.kind === "int" && typeof lit.num === "bigint") {
        // Negative literals are folded so that -9223372036854775808 is representable.
        this.next();
        const v = -lit.num;
        if (v < INT64_MIN) this.fail(lit, "invalid int literal");
        return this.member({ k: "lit", v, pos: t.pos });
      }
      if (lit.kind === "double" && typeof lit.num === "number") {
        this.next();
        return this.member({ k: "lit", v: -lit.num, pos: t.pos });
      }
      this.enter();
      const operand = this.unary();
      this.depth--;
      return { k: "unary", op: "-", operand, pos: t.pos };
    }
    return this.member(this.primary());
  }

  private member(e: Expr): Expr {
    for (;;) {
      const t = this.peek();
      if (t.kind !== "punct") return e;
      if (t.text === "." || t.text === ".?") {
        this.next();
        const id = this.next();
        if (id.kind !== "ident") this.fail(id, `no viable alternative at input '.${id.text}'`);
        if (t.text === "." && this.isPunct("(")) {
          this.next();
          const args = this.exprList(")");
          e = { k: "call", fn: id.text, target: e, args, pos: id.pos };
        } else e = { k: "select", operand: e, field: id.text, optional: t.text === ".?", pos: id.pos };
        continue;
      }
      if (t.text === "[" || t.text === "[?") {
        this.next();
        const index = this.expr();
        this.expect("]");
        e = { k: "index", operand: e, index, optional: t.text === "[?", pos: t.pos };
        continue;
      }
      return e;
    }
  }

  private exprList(close: string): Expr[] {
    const out: Expr[] = [];
    if (this.accept(close)) return out;
    for (;;) {
      out.push(this.expr());
      if (this.accept(close)) return out;
      this.expect(",");
    }
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case "int": {
        const v = t.num as bigint;
        if (v > INT64_MAX) this.fail(t, "invalid int literal");
        return { k: "lit", v, pos: t.pos };
      }
      case "uint": {
        const v = t.num as bigint;
        if (v > UINT64_MAX) this.fail(t, "invalid uint literal");
        return { k: "lit", v: new CelUint(v), pos: t.pos };
      }
      case "double":
        return { k: "lit", v: t.num as number, pos: t.pos };
      case "string":
        return { k: "lit", v: t.text, pos: t.pos };
      case "bytes":
        return { k: "lit", v: t.bytes ?? new Uint8Array(), pos: t.pos };
      case "ident":
        return this.identOrCall(t, false);
      case "eof":
        this.fail(t, "mismatched input '<EOF>'");
        break;
      case "punct":
        break;
    }
    switch (t.text) {
      case ".": {
        const id = this.next();
        if (id.kind !== "ident") this.fail(id, `no viable alternative at input '.${id.text}'`);
        return this.identOrCall(id, true);
      }
      case "(": {
        const e = this.expr();
        this.expect(")");
        return e;
      }
      case "[":
        return this.listLiteral(t, false);
      case "[?":
        return this.listLiteral(t, true);
      case "{":
        return this.mapLiteral(t);
    }
    this.fail(t, `extraneous input '${t.text}'`);
  }

  private identOrCall(t: Token, leadingDot: boolean): Expr {
    const name = t.text;
    if (name === "true" || name === "false") return { k: "lit", v: name === "true", pos: t.pos };
    if (name === "null") return { k: "lit", v: null, pos: t.pos };
    if (RESERVED.has(name) || name === "in") this.fail(t, `reserved identifier: ${name}`);
    if (this.isPunct("(")) {
      this.next();
      const args = this.exprList(")");
      return { k: "call", fn: name, target: null, args, pos: t.pos };
    }
    if (this.isPunct("{")) {
      const { row, col } = lineCol(this.src, t.pos);
      throw new CelCompileError("cel_unsupported", "message construction is not supported", row, col);
    }
    return { k: "ident", name: leadingDot ? `.${name}` : name, pos: t.pos };
  }

  private listLiteral(open: Token, firstOptional: boolean): Expr {
    const elems: Expr[] = [];
    const optional: boolean[] = [];
    while (firstOptional || !this.isPunct("]")) {
      optional.push(firstOptional || this.accept("?"));
      firstOptional = false;
      elems.push(this.expr());
      if (!this.accept(",")) break;
    }
    this.expect("]");
    return { k: "list", elems, optional, pos: open.pos };
  }

  private mapLiteral(open: Token): Expr {
    const entries: MapEntry[] = [];
    while (!this.isPunct("}")) {
      const optional = this.accept("?");
      const key = this.expr();
      this.expect(":");
      const value = this.expr();
      entries.push({ key, value, optional });
      if (!this.accept(",")) break;
    }
    this.expect("}");
    return { k: "map", entries, pos: open.pos };
  }
}
