/**
 * A recursive-descent CEL parser that returns exactly what @bufbuild/cel 0.6's `parse` returns.
 *
 * @bufbuild/cel's parser is a PEG (ordered choice, no memoization) whose actions number the nodes
 * as they run, so its output depends on the order in which its rules are tried. The methods below
 * follow that grammar rule by rule (same alternatives in the same order, whitespace `S` at the
 * same places, operator nodes of a chain made after all its operands), which gives the same ids
 * and source offsets. Where its actions throw (reserved identifiers, invalid code points), the
 * parse is abandoned.
 */
import { Builder, type Entry, type Expr, type ParsedExpr } from "./builder.js";
import { isIdentPart, scanFloat, scanIdent, scanQuoted, scanUnsignedDigits, skipS } from "./lexer.js";
import { bytesValue, stringValue } from "./literals.js";

/** Thrown where @bufbuild/cel's parser throws; the parse is then invalid. */
class Abort {}

/** Names the `Identifier` rule (global calls) rejects. */
const RESERVED_IDENTIFIERS = new Set([
  "true",
  "false",
  "null",
  "in",
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

/** Names the `Selector` rule (fields, identifiers, message names) rejects. */
const RESERVED_SELECTORS = new Set(["true", "false", "null", "in"]);

/** `list` with `x` appended (a new list when `list` is undefined). */
function push<T>(list: T[] | undefined, x: T): T[] {
  if (list === undefined) return [x];
  list.push(x);
  return list;
}

/** A member access, applied to its operand once the whole chain is parsed. */
type Access =
  | { kind: "select"; offset: number; field: string }
  | { kind: "call"; offset: number; fn: string; args: Expr[] }
  | { kind: "index"; offset: number; index: Expr };

/** A binary operator and its right operand, applied once the whole chain is parsed. */
interface Tail {
  offset: number;
  fn: string;
  operand: Expr;
}

const DOT = 46;
const COMMA = 44;
const COLON = 58;
const LPAREN = 40;
const RPAREN = 41;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const QUESTION = 63;
const BANG = 33;
const MINUS = 45;

class Parser {
  private pos = 0;
  readonly b = new Builder();

  constructor(private readonly src: string) {}

  private at(i: number): number {
    return this.src.charCodeAt(i);
  }

  private s(): void {
    this.pos = skipS(this.src, this.pos);
  }

  private eat(c: number): boolean {
    if (this.src.charCodeAt(this.pos) !== c) return false;
    this.pos++;
    return true;
  }

  /** The whole source as one expression. */
  parseAll(): Expr | undefined {
    const e = this.expr();
    return e !== undefined && this.pos === this.src.length ? e : undefined;
  }

  /** `Expr = ConditionalOr S ("?" ConditionalOr S ":" Expr S)?` */
  private expr(): Expr | undefined {
    const start = this.pos;
    const or = this.conditionalOr();
    if (or === undefined) return undefined;
    this.s();
    const save = this.pos;
    if (this.eat(QUESTION)) {
      const t = this.conditionalOr();
      if (t !== undefined) {
        this.s();
        if (this.eat(COLON)) {
          const f = this.expr();
          if (f !== undefined) {
            this.s();
            return this.b.call(start, "_?_:_", [or, t, f]);
          }
        }
      }
    }
    this.pos = save;
    return or;
  }

  /** `S` followed by the two-character operator `c c` (`||`, `&&`): whether it was consumed. */
  private logicSeparator(c: number): boolean {
    const i = skipS(this.src, this.pos);
    if (this.at(i) !== c || this.at(i + 1) !== c) return false;
    this.pos = i + 2;
    return true;
  }

  /** `ConditionalOr = ConditionalAnd|1.., S "||"|` */
  private conditionalOr(): Expr | undefined {
    return this.logicChain(124, "_||_", this.conditionalAnd);
  }

  /** `ConditionalAnd = Relation|1.., S "&&"|` */
  private conditionalAnd(): Expr | undefined {
    return this.logicChain(38, "_&&_", this.relation);
  }

  /** Operands of `next` separated by the operator `c c`, as one logic node when there are several. */
  private logicChain(c: number, fn: string, next: (this: Parser) => Expr | undefined): Expr | undefined {
    const start = this.pos;
    const first = next.call(this);
    if (first === undefined) return undefined;
    let terms: Expr[] | undefined;
    for (;;) {
      const save = this.pos;
      if (!this.logicSeparator(c)) break;
      const operand = next.call(this);
      if (operand === undefined) {
        this.pos = save;
        break;
      }
      if (terms === undefined) terms = [first];
      terms.push(operand);
    }
    return terms === undefined ? first : this.b.logic(fn, terms, start);
  }

  /** Applies a chain of binary operators to `first`, left to right. */
  private reduce(first: Expr, tails: Tail[] | undefined): Expr {
    if (tails === undefined) return first;
    let e = first;
    for (const t of tails) e = this.b.call(t.offset, t.fn, [e, t.operand]);
    return e;
  }

  /** The relational operator at the current position (`<= < >= > == != in`), consumed. */
  private relop(): string | undefined {
    const i = this.pos;
    const c = this.at(i);
    const d = this.at(i + 1);
    let fn: string | undefined;
    let len = 2;
    if (c === 60) {
      if (d === 61) fn = "_<=_";
      else {
        fn = "_<_";
        len = 1;
      }
    } else if (c === 62) {
      if (d === 61) fn = "_>=_";
      else {
        fn = "_>_";
        len = 1;
      }
    } else if (c === 61 && d === 61) fn = "_==_";
    else if (c === BANG && d === 61) fn = "_!=_";
    else if (c === 105 && d === 110) fn = "@in";
    if (fn !== undefined) this.pos = i + len;
    return fn;
  }

  /** `Relation = Addition (S Relop Addition)*` */
  private relation(): Expr | undefined {
    return this.binaryChain(this.addition, this.relop);
  }

  /** `Addition = Multiplication (S [+-] Multiplication)*` */
  private addition(): Expr | undefined {
    return this.binaryChain(this.multiplication, this.addop);
  }

  /** `Multiplication = Unary (S [*∕%] Unary)*` */
  private multiplication(): Expr | undefined {
    return this.binaryChain(this.unary, this.mulop);
  }

  /** The additive operator at the current position, consumed. */
  private addop(): string | undefined {
    const c = this.at(this.pos);
    if (c !== 43 && c !== MINUS) return undefined;
    this.pos++;
    return c === 43 ? "_+_" : "_-_";
  }

  /** The multiplicative operator at the current position, consumed. */
  private mulop(): string | undefined {
    const c = this.at(this.pos);
    if (c !== 42 && c !== 47 && c !== 37) return undefined;
    this.pos++;
    return c === 42 ? "_*_" : c === 47 ? "_/_" : "_%_";
  }

  /** Operands of `next` joined left to right by the operators `op` reads (`S op next`)*. */
  private binaryChain(
    next: (this: Parser) => Expr | undefined,
    op: (this: Parser) => string | undefined,
  ): Expr | undefined {
    const first = next.call(this);
    if (first === undefined) return undefined;
    let tails: Tail[] | undefined;
    for (;;) {
      const offset = this.pos;
      this.s();
      const fn = op.call(this);
      const operand = fn === undefined ? undefined : next.call(this);
      if (fn === undefined || operand === undefined) {
        this.pos = offset;
        break;
      }
      tails = push(tails, { offset, fn, operand });
    }
    return this.reduce(first, tails);
  }

  /** `Unary = Member / S ("!"+ / "-"+) Member` (pairs cancel; `!(!x)` is `x`). */
  private unary(): Expr | undefined {
    const start = this.pos;
    const member = this.member();
    if (member !== undefined) return member;
    this.pos = start;
    this.s();
    const op = this.at(this.pos);
    if (op !== BANG && op !== MINUS) {
      this.pos = start;
      return undefined;
    }
    let count = 0;
    while (this.at(this.pos) === op) {
      this.pos++;
      count++;
    }
    const e = this.member();
    if (e === undefined) {
      this.pos = start;
      return undefined;
    }
    if (count % 2 === 0) return e;
    const fn = op === BANG ? "!_" : "-_";
    const k = e.exprKind;
    if (k.case === "callExpr" && k.value.function === fn) {
      const inner = k.value.args[0];
      if (inner !== undefined) return inner;
    }
    return this.b.call(start, fn, [e]);
  }

  /** `Member = S Primary (S Access)*` */
  private member(): Expr | undefined {
    const start = this.pos;
    this.s();
    const primary = this.primary();
    if (primary === undefined) {
      this.pos = start;
      return undefined;
    }
    let accesses: Access[] | undefined;
    for (;;) {
      const save = this.pos;
      this.s();
      const a = this.access();
      if (a === undefined) {
        this.pos = save;
        break;
      }
      accesses = push(accesses, a);
    }
    if (accesses === undefined) return primary;
    let e = primary;
    for (const a of accesses) {
      if (a.kind === "select") e = this.b.select(a.offset, e, a.field);
      else if (a.kind === "call") e = this.b.memberCall(a.offset, e, a.fn, a.args);
      else e = this.b.call(a.offset, "_[_]", [e, a.index]);
    }
    return e;
  }

  /**
   * `Access = "." S Selector S ![(] / "." S Selector S "(" ExprList ")" / "[" Expr "]"`
   */
  private access(): Access | undefined {
    const offset = this.pos;
    const c = this.at(offset);
    if (c === DOT) {
      this.pos++;
      this.s();
      const field = this.selector();
      if (field === undefined) {
        this.pos = offset;
        return undefined;
      }
      this.s();
      if (this.at(this.pos) !== LPAREN) return { kind: "select", offset, field };
      this.pos++;
      const args = this.exprList();
      if (this.eat(RPAREN)) return { kind: "call", offset, fn: field, args };
      this.pos = offset;
      return undefined;
    }
    if (c === LBRACKET) {
      this.pos++;
      const index = this.expr();
      if (index !== undefined && this.eat(RBRACKET)) return { kind: "index", offset, index };
      this.pos = offset;
    }
    return undefined;
  }

  /** `Selector`: an identifier other than `true false null in` (which abort the parse). */
  private selector(): string | undefined {
    const end = scanIdent(this.src, this.pos);
    if (end < 0) return undefined;
    const name = this.src.slice(this.pos, end);
    if (RESERVED_SELECTORS.has(name)) throw new Abort();
    this.pos = end;
    return name;
  }

  /** `Expr|0.., ","|` */
  private exprList(): Expr[] {
    const list: Expr[] = [];
    for (;;) {
      const save = this.pos;
      if (list.length > 0 && !this.eat(COMMA)) break;
      const e = this.expr();
      if (e === undefined) {
        this.pos = save;
        break;
      }
      list.push(e);
    }
    return list;
  }

  /** `Primary`: literal, global call, message, identifier, parenthesis, list or map. */
  private primary(): Expr | undefined {
    const start = this.pos;
    const literal = this.literal();
    if (literal !== undefined) return literal;
    const c = this.at(start);
    if (c === LPAREN) {
      this.pos++;
      const e = this.expr();
      if (e !== undefined && this.eat(RPAREN)) return e;
      this.pos = start;
      return undefined;
    }
    if (c === LBRACKET) return this.listLiteral(start);
    if (c === LBRACE) return this.mapLiteral(start);
    return this.named(start);
  }

  /**
   * The alternatives of `Primary` that start with an optional dot and a name:
   * `"."? S Identifier S "(" ExprList ")"`, `"."? S Selector|1.., S "." S| S "{" FieldInits ","? S "}"`
   * and `"."? S Selector`.
   */
  private named(start: number): Expr | undefined {
    const dot = this.at(start) === DOT;
    const afterDot = skipS(this.src, dot ? start + 1 : start);
    const end = scanIdent(this.src, afterDot);
    if (end < 0) {
      this.pos = start;
      return undefined;
    }
    const name = this.src.slice(afterDot, end);
    // Global call.
    if (RESERVED_IDENTIFIERS.has(name)) throw new Abort();
    this.pos = skipS(this.src, end);
    if (this.eat(LPAREN)) {
      const args = this.exprList();
      if (this.eat(RPAREN)) return this.b.call(start, name, args);
    }
    // Message construction. Only tried when the dotted name is followed by `{`: otherwise it fails
    // without making nodes, and the members of the name are scanned (and their reserved words
    // rejected) again as selections after the identifier.
    if (this.bracedName(afterDot)) {
      this.pos = afterDot;
      const struct = this.struct(start, dot);
      if (struct !== undefined) return struct;
    }
    // Identifier.
    this.pos = afterDot;
    const ident = this.selector();
    if (ident === undefined) {
      this.pos = start;
      return undefined;
    }
    return this.b.ident(start, ident);
  }

  /** Whether `Selector|1.., S "." S| S "{"` matches at `i` (reserved words aside). */
  private bracedName(i: number): boolean {
    const src = this.src;
    i = scanIdent(src, i);
    for (;;) {
      const j = skipS(src, i);
      if (this.at(j) !== DOT) return this.at(j) === LBRACE;
      const k = scanIdent(src, skipS(src, j + 1));
      if (k < 0) return false;
      i = k;
    }
  }

  /** `Selector|1.., S "." S| S "{" FieldInits ","? S "}"` from the current position. */
  private struct(start: number, dot: boolean): Expr | undefined {
    const first = this.selector();
    if (first === undefined) return undefined;
    let name = dot ? `.${first}` : first;
    for (;;) {
      const save = this.pos;
      this.s();
      if (!this.eat(DOT)) {
        this.pos = save;
        break;
      }
      this.s();
      const next = this.selector();
      if (next === undefined) {
        this.pos = save;
        break;
      }
      name += `.${next}`;
    }
    this.s();
    if (!this.eat(LBRACE)) return undefined;
    const entries: Entry[] = [];
    for (;;) {
      const save = this.pos;
      if (entries.length > 0 && !this.eat(COMMA)) break;
      const entry = this.fieldInit();
      if (entry === undefined) {
        this.pos = save;
        break;
      }
      entries.push(entry);
    }
    this.eat(COMMA);
    this.s();
    if (!this.eat(RBRACE)) return undefined;
    return this.b.struct(start, entries, name);
  }

  /** `S Selector S ":" Expr` */
  private fieldInit(): Entry | undefined {
    const offset = this.pos;
    this.s();
    const key = this.selector();
    if (key === undefined) return undefined;
    this.s();
    if (!this.eat(COLON)) return undefined;
    const value = this.expr();
    if (value === undefined) return undefined;
    return this.b.fieldEntry(offset, key, value);
  }

  /** `"[" ExprList ","? S "]"` */
  private listLiteral(start: number): Expr | undefined {
    this.pos++;
    const elements = this.exprList();
    this.eat(COMMA);
    this.s();
    if (!this.eat(RBRACKET)) {
      this.pos = start;
      return undefined;
    }
    return this.b.list(start, elements);
  }

  /** `"{" (Expr ":" Expr)|0.., ","| ","? S "}"` */
  private mapLiteral(start: number): Expr | undefined {
    this.pos++;
    const entries: Entry[] = [];
    for (;;) {
      const save = this.pos;
      if (entries.length > 0 && !this.eat(COMMA)) break;
      const offset = this.pos;
      const key = this.expr();
      const value = key !== undefined && this.eat(COLON) ? this.expr() : undefined;
      if (key === undefined || value === undefined) {
        this.pos = save;
        break;
      }
      entries.push(this.b.mapEntry(offset, key, value));
    }
    this.eat(COMMA);
    this.s();
    if (!this.eat(RBRACE)) {
      this.pos = start;
      return undefined;
    }
    return this.b.struct(start, entries, "");
  }

  /** `Literal = Float / Uint / Int / String / Bytes / Bool / Null` */
  private literal(): Expr | undefined {
    const src = this.src;
    const start = this.pos;
    const c = this.at(start);
    if (c === MINUS || c === DOT || (c >= 48 && c <= 57)) {
      const f = scanFloat(src, start);
      if (f >= 0) {
        this.pos = f;
        return this.b.constant(start, { case: "doubleValue", value: Number.parseFloat(src.slice(start, f)) });
      }
      if (c !== MINUS && c !== DOT) {
        const u = scanUnsignedDigits(src, start);
        const suffix = this.at(u);
        if (u >= 0 && (suffix === 117 || suffix === 85)) {
          this.pos = u + 1;
          return this.b.constant(start, { case: "uint64Value", value: BigInt(src.slice(start, u)) });
        }
      }
      if (c !== DOT) {
        const digits = c === MINUS ? start + 1 : start;
        const i = scanUnsignedDigits(src, digits);
        if (i >= 0) {
          this.pos = i;
          const v = BigInt(src.slice(digits, i));
          return this.b.constant(start, { case: "int64Value", value: c === MINUS ? -v : v });
        }
      }
      return undefined;
    }
    if (c === 34 || c === 39 || c === 114 || c === 82) {
      const q = scanQuoted(src, start);
      if (q !== undefined) {
        this.pos = q.end;
        const value = stringValue(q.parts);
        if (value === undefined) throw new Abort();
        return this.b.constant(start, { case: "stringValue", value });
      }
      return undefined;
    }
    if (c === 98 || c === 66) {
      const q = scanQuoted(src, start + 1);
      if (q !== undefined) {
        this.pos = q.end;
        return this.b.constant(start, { case: "bytesValue", value: bytesValue(q.parts) });
      }
      return undefined;
    }
    if (src.startsWith("true", start)) {
      this.pos = start + 4;
      return this.b.constant(start, { case: "boolValue", value: true });
    }
    if (src.startsWith("false", start)) {
      this.pos = start + 5;
      return this.b.constant(start, { case: "boolValue", value: false });
    }
    if (src.startsWith("null", start) && !isIdentPart(this.at(start + 4))) {
      this.pos = start + 4;
      return this.b.constant(start, { case: "nullValue", value: 0 });
    }
    return undefined;
  }
}

/**
 * Parses `source` like @bufbuild/cel's `parse`: the same tree, ids, positions and macro calls.
 * Undefined when `source` is not an expression @bufbuild/cel accepts (its parser then gives the
 * error message).
 */
export function parseCel(source: string): ParsedExpr | undefined {
  const p = new Parser(source);
  let expr: Expr | undefined;
  try {
    expr = p.parseAll();
  } catch (e: unknown) {
    if (e instanceof Abort || e instanceof RangeError) return undefined;
    throw e;
  }
  if (expr === undefined) return undefined;
  return { $typeName: "cel.expr.ParsedExpr", expr, sourceInfo: p.b.sourceInfo() };
}
