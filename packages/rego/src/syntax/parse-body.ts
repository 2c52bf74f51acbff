import type { Body, Expr, ExprNode, RefTerm, Term, VarTerm, With } from "../ast/nodes.js";
import type { Location } from "../location.js";
import { refString } from "./ast-util.js";
import { TermParser } from "./parse-terms.js";
import type { ParserState } from "./parser-base.js";
import type { TokenKind } from "./tokens.js";

const MEMBER_2 = "internal.member_2";
const MEMBER_3 = "internal.member_3";

/**
 * Bodies and their expressions: `not`, `some x, y`, `some k, v in xs`, `every … { … }`,
 * `with … as …`, unification and assignment. Expressions are separated by `;` or newlines.
 */
export abstract class BodyParser extends TermParser {
  protected parseBody(end: TokenKind): Body | undefined {
    return this.enter() ? this.leave(this.parseQuery(false, end)) : undefined;
  }

  /**
   * Expressions up to `end` (left on it). With `requireSemi` (top-level statements) only one
   * expression, or several joined by `;`, is read.
   */
  protected parseQuery(requireSemi: boolean, end: TokenKind): Body | undefined {
    if (this.at(end)) {
      this.error(this.tok().loc, "found empty body");
      return undefined;
    }
    const body: Expr[] = [];
    for (;;) {
      const expr = this.parseLiteral();
      if (expr === undefined) return undefined;
      body.push(expr);
      if (this.at(";")) {
        this.next();
        continue;
      }
      if (this.at(end) || requireSemi) return body;
      if (!this.tok().nl) {
        if (this.errors.length === 0) this.illegal(`expected \\n or ; or ${end}`);
        return undefined;
      }
    }
  }

  protected parseLiteral(): Expr | undefined {
    const loc = this.tok().loc;
    if (this.scanAheadRef()) return this.parseLiteralExpr(false, loc);
    let negated = false;
    if (this.isKw("not")) {
      this.next();
      negated = true;
    }
    if (this.isKw("some")) {
      if (negated) {
        this.illegal("illegal negation of 'some'");
        return undefined;
      }
      return this.parseSome(loc);
    }
    if (this.isKw("every")) {
      if (negated) {
        this.illegal("illegal negation of 'every'");
        return undefined;
      }
      return this.parseEvery(loc);
    }
    return this.parseLiteralExpr(negated, loc);
  }

  private parseLiteralExpr(negated: boolean, loc: Location): Expr | undefined {
    const start = this.save();
    const node = this.parseExprNode();
    if (node === undefined) return undefined;
    const expr = this.finishExpr(node, negated, loc);
    if (expr !== undefined && this.version === 0 && node.kind === "term") {
      const t = node.term;
      if (t.type === "var" && t.name === "every" && !this.keywords.has("every")) this.everyHint(start);
    }
    return expr;
  }

  /** A v0 `every` that would parse with the keyword imported earns a hint on the next error. */
  private everyHint(start: ParserState): void {
    const end = this.save();
    const ok = this.withFutureKeywords(() => {
      this.restore(start);
      return this.parseEvery(this.tok().loc)?.node.kind === "every";
    });
    this.restore(end);
    if (ok) this.hint("`import future.keywords.every` for `every x in xs { ... }` expressions");
  }

  private finishExpr(node: ExprNode, negated: boolean, loc: Location): Expr | undefined {
    if (!this.isKw("with")) return { negated, node, with: [], loc };
    const withs = this.parseWith();
    if (withs === undefined) return undefined;
    return { negated, node, with: withs, loc };
  }

  private parseExprNode(): ExprNode | undefined {
    const lhs = this.parseTermInfixCall();
    if (lhs === undefined) return undefined;
    if (this.at(":=") || this.at("=")) {
      const op = this.operatorRef(this.tok());
      this.next();
      const rhs = this.parseTermInfixCall();
      if (rhs === undefined) return undefined;
      return { kind: "call", op, args: [lhs, rhs] };
    }
    if (lhs.type === "call") return { kind: "call", op: lhs.op, args: lhs.args };
    return { kind: "term", term: lhs };
  }

  private parseWith(): With[] | undefined {
    const withs: With[] = [];
    do {
      const loc = this.tok().loc;
      this.next();
      if (this.tok().kind !== "ident" || this.isKeywordToken(this.pos)) {
        this.illegal("expected ident");
        return undefined;
      }
      const target = this.parseTerm();
      if (target === undefined) return undefined;
      if (target.type !== "ref" && target.type !== "var") this.illegal("expected with target path");
      if (!this.isKw("as")) {
        this.illegal("expected as keyword");
        return undefined;
      }
      this.next();
      const value = this.parseTermInfixCall();
      if (value === undefined) return undefined;
      const ref: RefTerm = target.type === "ref" ? target : { type: "ref", terms: [target], loc: target.loc };
      withs.push({ target: ref, value, loc });
    } while (this.isKw("with"));
    return withs;
  }

  private parseSome(loc: Location): Expr | undefined {
    const s = this.save();
    this.next();
    const term = this.parseTermInfixCall();
    if (term?.type === "call") {
      const node = this.someIn(term.op, term.args);
      if (node === undefined) return undefined;
      return this.finishExpr(node, false, loc);
    }
    this.restore(s);
    if (this.version === 0 && !this.keywords.has("in")) {
      const inForm = this.withFutureKeywords(() => {
        this.next();
        const t = this.parseTermInfixCall();
        return t?.type === "call" && [MEMBER_2, MEMBER_3].includes(refString(t.op.terms));
      });
      if (inForm) this.hint("`import future.keywords.in` for `some x in xs` expressions");
    }
    const vars: VarTerm[] = [];
    do {
      this.next();
      if (!this.isIdent()) {
        this.illegal("expected var");
        return undefined;
      }
      vars.push(this.parseVar());
      this.next();
    } while (this.at(","));
    return { negated: false, node: { kind: "some", vars }, with: [], loc };
  }

  private someIn(op: RefTerm, args: readonly Term[]): ExprNode | undefined {
    const name = refString(op.terms);
    const [a, b, c] = args;
    if (name === MEMBER_2 || name === MEMBER_3) {
      if (name === MEMBER_2 && a !== undefined && b !== undefined && c === undefined) {
        return { kind: "somein", key: undefined, value: a, collection: b };
      }
      if (name === MEMBER_3 && a !== undefined && b !== undefined && c !== undefined && args.length === 3) {
        return { kind: "somein", key: a, value: b, collection: c };
      }
      this.illegal("illegal domain");
      return undefined;
    }
    this.illegal("expected `x in xs` or `x, y in xs` expression");
    return undefined;
  }

  private parseEvery(loc: Location): Expr | undefined {
    this.next();
    const term = this.parseTermInfixCall();
    if (term === undefined) return undefined;
    const shape = "expected `x[, y] in xs { ... }` expression";
    if (term.type !== "call") {
      this.illegal(shape);
      return undefined;
    }
    const name = refString(term.op.terms);
    const [a, b, c] = term.args;
    let key: Term | undefined;
    let value: Term;
    let domain: Term;
    if (name === MEMBER_2) {
      if (a === undefined || b === undefined || c !== undefined) {
        this.illegal("illegal domain");
        return undefined;
      }
      value = a;
      domain = b;
    } else if (name === MEMBER_3) {
      if (a === undefined || b === undefined || c === undefined || term.args.length !== 3) {
        this.illegal("illegal domain");
        return undefined;
      }
      key = a;
      value = b;
      domain = c;
      if (key.type !== "var") {
        this.illegal("expected key to be a variable");
        return undefined;
      }
    } else {
      this.illegal(shape);
      return undefined;
    }
    if (value.type !== "var") {
      this.illegal("expected value to be a variable");
      return undefined;
    }
    if (!this.at("{")) {
      this.illegal("missing body");
      return undefined;
    }
    this.next();
    const body = this.parseBody("}");
    if (body === undefined) return undefined;
    this.next();
    return this.finishExpr({ kind: "every", key, value, domain, body }, false, loc);
  }
}
