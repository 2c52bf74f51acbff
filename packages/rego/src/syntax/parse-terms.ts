import type { Body, CallTerm, Expr, RefTerm, Term, VarTerm } from "../ast/nodes.js";
import type { Location } from "../location.js";
import { numberLiteral } from "../value/number.js";
import { nameRef, refString, valueName } from "./ast-util.js";
import { ParserBase } from "./parser-base.js";
import { operatorName, type Token, type TokenKind } from "./tokens.js";

/** Binary operator levels, loosest first (below them all sits `in`). */
const LEVELS: readonly (readonly TokenKind[])[] = [
  ["==", "!=", "<", ">", "<=", ">="],
  ["|"],
  ["&"],
  ["+", "-"],
  ["*", "/", "%"],
];

const HEAD_INFIX: readonly TokenKind[] = [
  "+",
  "-",
  "*",
  "/",
  "%",
  "&",
  "|",
  "==",
  "!=",
  ">",
  ">=",
  "<",
  "<=",
];

const ROOTS: ReadonlySet<string> = new Set(["data", "input"]);

function call(op: RefTerm, args: readonly Term[], loc: Location): CallTerm {
  return { type: "call", op, args, loc };
}

/**
 * Terms: scalars, variables, refs, calls, collections, comprehensions, template strings and the
 * infix operators, with OPA's precedence (loosest to tightest: `in`, comparisons, `|`, `&`,
 * `+ -`, `* / %`). Every method leaves the cursor on the first token after what it parsed.
 */
export abstract class TermParser extends ParserBase {
  /** Parses a body up to (not past) `end`. */
  protected abstract parseBody(end: TokenKind): Body | undefined;

  /** Parses one body expression (`not`, `some`, `every`, `with` included). */
  protected abstract parseLiteral(): Expr | undefined;

  /** A term with infix operators, where `k, v in xs` is allowed. */
  protected parseTermInfixCall(): Term | undefined {
    return this.enter() ? this.leave(this.parseIn(true)) : undefined;
  }

  /** A term with infix operators inside a list, where `,` separates items. */
  protected parseTermInfixCallInList(): Term | undefined {
    return this.enter() ? this.leave(this.parseIn(false)) : undefined;
  }

  private parseIn(keyVal: boolean): Term | undefined {
    let lhs = this.parseLevel(0);
    if (lhs === undefined) return undefined;
    for (;;) {
      if (keyVal && this.at(",")) {
        const s = this.save();
        this.next();
        const mhs = this.parseLevel(0);
        if (mhs !== undefined && this.isKw("in")) {
          const op = nameRef("internal.member_3", this.tok().loc);
          this.next();
          const rhs = this.parseLevel(0);
          if (rhs !== undefined) {
            lhs = call(op, [lhs, mhs, rhs], lhs.loc);
            if (this.isKw("in")) continue;
            return lhs;
          }
        }
        this.restore(s);
      }
      this.scanAheadRef();
      if (!this.isKw("in")) return lhs;
      const op = nameRef("internal.member_2", this.tok().loc);
      this.next();
      const rhs = this.parseLevel(0);
      if (rhs === undefined) return lhs;
      lhs = call(op, [lhs, rhs], lhs.loc);
      if (!this.isKw("in")) return lhs;
    }
  }

  private parseLevel(level: number): Term | undefined {
    const ops = LEVELS[level];
    if (ops === undefined) return this.parseTerm();
    let lhs = this.parseLevel(level + 1);
    if (lhs === undefined) return undefined;
    while (ops.includes(this.tok().kind)) {
      const op = this.operatorRef(this.tok());
      this.next();
      const rhs = this.parseLevel(level + 1);
      if (rhs === undefined) return lhs;
      lhs = call(op, [lhs, rhs], lhs.loc);
    }
    return lhs;
  }

  /** The ref naming the builtin behind an operator token (`==` → `equal`). */
  protected operatorRef(t: Token): RefTerm {
    return nameRef(operatorName(t.kind) ?? t.kind, t.loc);
  }

  /** A single term: a primary followed by any ref or call suffix. */
  protected parseTerm(): Term | undefined {
    if (!this.enter()) return undefined;
    const cached = this.cachedTerm();
    if (cached !== undefined) return this.leave(cached);
    const before = this.save();
    const key = this.cacheKey();
    const primary = this.parsePrimary();
    const term = primary === undefined ? undefined : this.parseTermFinish(primary);
    if (term !== undefined) this.cacheTerm(before, key, term);
    return this.leave(term);
  }

  private parsePrimary(): Term | undefined {
    const t = this.tok();
    switch (t.kind) {
      case "ident":
        return this.parseIdentTerm(t);
      case "-":
      case ".":
      case "number":
        return this.parseNumber();
      case "string":
        if (t.badEscape) {
          this.error(t.loc, `illegal string literal: ${t.text}`);
          return undefined;
        }
        this.next();
        return { type: "scalar", value: t.text, loc: t.loc };
      case "template":
        return this.parseTemplateString();
      case "[":
        return this.parseArray();
      case "{":
        return this.parseSetOrObject();
      case "(":
        return this.parseParens();
      default:
        this.illegal();
        return undefined;
    }
  }

  private parseIdentTerm(t: Token): Term | undefined {
    if (this.isKeywordToken(this.pos)) {
      switch (t.text) {
        case "null":
          this.next();
          return { type: "scalar", value: null, loc: t.loc };
        case "true":
        case "false":
          this.next();
          return { type: "scalar", value: t.text === "true", loc: t.loc };
        case "contains":
          break;
        default:
          this.illegal();
          return undefined;
      }
    }
    const v = this.parseVar();
    this.next();
    return v;
  }

  /** The variable at the current token (`_` becomes a fresh wildcard); does not advance. */
  protected parseVar(): VarTerm {
    const t = this.tok();
    return { type: "var", name: t.text === "_" ? this.newWildcard() : t.text, loc: t.loc };
  }

  private parseParens(): Term | undefined {
    this.next();
    const inner = this.parseTermInfixCall();
    if (inner === undefined) return undefined;
    if (!this.at(")")) {
      this.error(this.tok().loc, "non-terminated expression");
      return undefined;
    }
    this.next();
    return inner;
  }

  /** Continues a term with `.x`, `[x]` or `(…)` written directly after it. */
  protected parseTermFinish(head: Term): Term | undefined {
    if (this.adjacentRef(true)) return this.parseRef(head, false);
    return this.rootRef(head);
  }

  /** `data` and `input` on their own are refs. */
  protected rootRef(head: Term): Term {
    if (head.type === "var" && ROOTS.has(head.name)) return { type: "ref", terms: [head], loc: head.loc };
    return head;
  }

  /**
   * The ref (or call) continuing `head`. In a rule head (`inHead`) whitespace may precede the first
   * suffix (`p [x]`, `f (x)`); elsewhere whitespace ends the ref.
   */
  protected parseRef(head: Term, inHead: boolean): Term | undefined {
    return this.enter() ? this.leave(this.parseRefSuffixes(head, inHead)) : undefined;
  }

  private parseRefSuffixes(head: Term, inHead: boolean): Term | undefined {
    switch (head.type) {
      case "var":
      case "array":
      case "object":
      case "set":
      case "arraycomp":
      case "setcomp":
      case "objectcomp":
      case "call":
        break;
      default:
        this.error(head.loc, `illegal ref (head cannot be ${valueName(head)})`);
    }
    const terms: Term[] = [head];
    let first = true;
    for (;;) {
      const t = this.tok();
      if (t.ws && !(first && inHead)) break;
      first = false;
      if (t.kind === ".") {
        this.next();
        const n = this.tok();
        if (n.ws) {
          this.illegalWhitespace("expected ident");
          return undefined;
        }
        if (n.kind !== "ident") {
          this.illegal("expected ident");
          return undefined;
        }
        terms.push({ type: "scalar", value: n.text, loc: n.loc });
        this.next();
      } else if (t.kind === "[") {
        this.next();
        const inner = this.parseTermInfixCall();
        if (inner === undefined) return undefined;
        if (!this.at("]")) {
          this.illegal("expected [");
          return undefined;
        }
        terms.push(inner);
        this.next();
      } else if (t.kind === "(") {
        const c = this.parseCall({ type: "ref", terms, loc: head.loc });
        if (c === undefined) return undefined;
        return this.adjacentRef(false) ? this.parseRef(c, false) : c;
      } else {
        break;
      }
    }
    return { type: "ref", terms, loc: head.loc };
  }

  private parseCall(op: RefTerm): Term | undefined {
    this.next();
    if (this.at(")")) {
      this.next();
      const h = op.terms[0];
      if (op.terms.length === 1 && h?.type === "var" && h.name === "set") {
        return { type: "set", items: [], loc: op.loc };
      }
      return call(op, [], op.loc);
    }
    const args = this.parseTermList(")", []);
    if (args === undefined) return undefined;
    this.next();
    return call(op, args, op.loc);
  }

  /** Items up to `end` (left on `end`); a trailing comma is allowed. */
  protected parseTermList(end: TokenKind, items: Term[]): Term[] | undefined {
    if (this.at(end)) return items;
    for (;;) {
      const t = this.parseTermInfixCallInList();
      if (t === undefined) return undefined;
      items.push(t);
      if (this.at(end)) return items;
      if (!this.at(",")) {
        this.illegal(`expected "," or "${end}"`);
        return undefined;
      }
      this.next();
      if (this.at(end)) return items;
    }
  }

  private parseTermPairList(end: TokenKind, pairs: [Term, Term][]): [Term, Term][] | undefined {
    if (this.at(end)) return pairs;
    for (;;) {
      const k = this.parseTermInfixCallInList();
      if (k === undefined) return undefined;
      if (!this.at(":")) {
        this.illegal('expected ":"');
        return undefined;
      }
      this.next();
      const v = this.parseTermInfixCallInList();
      if (v === undefined) return undefined;
      pairs.push([k, v]);
      if (this.at(end)) return pairs;
      if (!this.at(",")) {
        this.illegal(`expected "," or "${end}"`);
        return undefined;
      }
      this.next();
      if (this.at(end)) return pairs;
    }
  }

  private parseArray(): Term | undefined {
    const loc = this.tok().loc;
    this.next();
    if (this.at("]")) {
      this.next();
      return { type: "array", items: [], loc };
    }
    let maybeComprehension = true;
    if (this.at(",")) {
      maybeComprehension = false;
      this.next();
    }
    const s = this.save();
    // A single term first: `[a | b]` is a comprehension rather than an array holding `a | b`.
    const head = this.parseTerm();
    if (head === undefined) return undefined;
    if (this.at("]")) {
      this.next();
      return { type: "array", items: [head], loc };
    }
    if (this.at(",")) {
      this.next();
      const items = this.parseTermList("]", [head]);
      if (items === undefined) return undefined;
      this.next();
      return { type: "array", items, loc };
    }
    if (this.at("|") && maybeComprehension) {
      this.next();
      const body = this.parseBody("]");
      if (body !== undefined) {
        this.next();
        return { type: "arraycomp", head, body, loc };
      }
      if (!this.at(",")) return undefined;
    }
    this.restore(s);
    const items = this.parseTermList("]", []);
    if (items === undefined) return undefined;
    this.next();
    return { type: "array", items, loc };
  }

  private parseSetOrObject(): Term | undefined {
    const loc = this.tok().loc;
    this.next();
    if (this.at("}")) {
      this.next();
      return { type: "object", entries: [], loc };
    }
    let maybeComprehension = true;
    if (this.at(",")) {
      maybeComprehension = false;
      this.next();
    }
    const s = this.save();
    const head = this.parseTerm();
    if (head === undefined) return undefined;
    if (this.at("|")) {
      if (maybeComprehension) return this.parseSet(s, head, true, loc);
    } else if (this.at("}") || this.at(",")) {
      return this.parseSet(s, head, maybeComprehension, loc);
    } else if (this.at(":")) {
      return this.parseObject(head, maybeComprehension, loc);
    }
    this.restore(s);
    const head2 = this.parseTermInfixCallInList();
    if (head2 === undefined) return undefined;
    if (this.at("}") || this.at(",")) return this.parseSet(s, head2, false, loc);
    if (this.at(":")) return this.parseObject(head2, maybeComprehension, loc);
    this.illegal("non-terminated set");
    return undefined;
  }

  private parseSet(
    s: ReturnType<ParserBase["save"]>,
    head: Term,
    maybeComprehension: boolean,
    loc: Location,
  ): Term | undefined {
    if (this.at("}")) {
      this.next();
      return { type: "set", items: [head], loc };
    }
    if (this.at(",")) {
      this.next();
      const items = this.parseTermList("}", [head]);
      if (items === undefined) return undefined;
      this.next();
      return { type: "set", items, loc };
    }
    if (!this.at("|")) return undefined;
    if (maybeComprehension) {
      this.next();
      const body = this.parseBody("}");
      if (body !== undefined) {
        this.next();
        return { type: "setcomp", head, body, loc };
      }
      if (!this.at(",")) return undefined;
    }
    this.restore(s);
    const items = this.parseTermList("}", []);
    if (items === undefined) return undefined;
    this.next();
    return { type: "set", items, loc };
  }

  private parseObject(key: Term, maybeComprehension: boolean, loc: Location): Term | undefined {
    this.next();
    const s = this.save();
    const value = this.parseTerm();
    if (value === undefined) return undefined;
    let maybeRelation = true;
    if (maybeComprehension) {
      const closes = this.at("}") || this.at(",");
      if (closes || this.at("|")) {
        if (closes) maybeRelation = false;
        const t = this.parseObjectFinish(key, value, true, loc);
        if (t !== undefined) return t;
      }
    }
    this.restore(s);
    if (maybeRelation) {
      const v = this.parseTermInfixCallInList();
      if (v === undefined) return undefined;
      if (this.at("}") || this.at(",")) return this.parseObjectFinish(key, v, false, loc);
    }
    this.illegal("non-terminated object");
    return undefined;
  }

  private parseObjectFinish(
    key: Term,
    value: Term,
    maybeComprehension: boolean,
    loc: Location,
  ): Term | undefined {
    if (this.at("}")) {
      this.next();
      return { type: "object", entries: [[key, value]], loc };
    }
    if (this.at("|")) {
      if (!maybeComprehension) {
        this.illegal("non-terminated object");
        return undefined;
      }
      this.next();
      const body = this.parseBody("}");
      if (body === undefined) return undefined;
      this.next();
      return { type: "objectcomp", key, value, body, loc };
    }
    if (this.at(",")) {
      this.next();
      const pairs = this.parseTermPairList("}", [[key, value]]);
      if (pairs === undefined) return undefined;
      this.next();
      return { type: "object", entries: pairs, loc };
    }
    return undefined;
  }

  private parseNumber(): Term | undefined {
    const loc = this.tok().loc;
    let prefix = "";
    if (this.at("-")) {
      prefix = "-";
      this.next();
      if (!this.at("number") && !this.at(".")) {
        this.illegal("expected number");
        return undefined;
      }
    }
    if (this.at(".")) {
      prefix += ".";
      this.next();
      if (!this.at("number")) {
        this.illegal("expected number");
        return undefined;
      }
    }
    const lit = this.tok().text;
    if (!prefix.endsWith(".") && lit.length > 1 && lit[0] === "0") {
      const fraction = lit[1] === ".";
      const exponent = lit.length > 2 && (lit[1] === "e" || lit[1] === "E");
      if (!fraction && !exponent) {
        this.illegal("expected number without leading zero");
        return undefined;
      }
    }
    const value = numberLiteral(prefix + lit);
    if (value === undefined) {
      this.error(this.tok().loc, "number too big");
      return undefined;
    }
    this.next();
    return { type: "scalar", value, loc };
  }

  private parseTemplateString(): Term | undefined {
    const first = this.tok();
    const parts: (string | Term | Expr)[] = [];
    for (;;) {
      const t = this.tok();
      if (t.kind !== "template") {
        this.illegal();
        return undefined;
      }
      if (t.badEscape) {
        this.error(t.loc, `illegal template-string part: ${t.text}`);
        return undefined;
      }
      if (t.text !== "") parts.push(t.text);
      this.next();
      if (t.last) break;
      const part = this.parseTemplatePart();
      if (part === undefined) return undefined;
      parts.push(part);
      if (!this.at("}")) {
        this.error(this.tok().loc, "expected } to end template string expression");
        return undefined;
      }
      this.next();
    }
    return { type: "template", parts, raw: first.raw === true, loc: first.loc };
  }

  /** The expression embedded in a template string, as a term. */
  private parseTemplatePart(): Term | Expr | undefined {
    const expr = this.parseLiteral();
    if (expr === undefined) {
      this.error(this.tok().loc, "invalid template-string expression");
      return undefined;
    }
    const fail = (what: string): undefined => {
      this.error(expr.loc, `unexpected ${what} in template-string expression`);
      return undefined;
    };
    if (expr.negated) return fail("negation ('not')");
    const node = expr.node;
    if (node.kind === "every") return fail("'every'");
    if (node.kind === "some" || node.kind === "somein") return fail("'some'");
    if (node.kind === "call") {
      const name = refString(node.op.terms);
      if (name === "eq") return fail("unification ('=')");
      if (name === "assign") return fail("assignment (':=')");
    }
    if (expr.with.length > 0) return expr;
    return node.kind === "term" ? node.term : call(node.op, node.args, expr.loc);
  }

  /** Reports an infix operator written directly after a rule name (`p+1 = 2`). */
  protected checkHeadOperator(): void {
    const t = this.tok();
    if (!t.ws && HEAD_INFIX.includes(t.kind)) this.illegal();
  }
}
