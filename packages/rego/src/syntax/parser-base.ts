import type { RegoVersion, Term } from "../ast/nodes.js";
import { ParseError } from "../errors.js";
import { type Location, codeFrame } from "../location.js";
import { FUTURE_KEYWORDS, initialKeywords } from "./keywords.js";
import type { Token, TokenKind } from "./tokens.js";
import { tokenDisplayName } from "./tokens.js";

/** Nesting depth (of terms, bodies and operator chains) beyond which parsing stops with an error. */
export const MAX_DEPTH = 1000;

/** What {@link ParserBase.save} captures; restoring it undoes everything parsed since. */
export interface ParserState {
  readonly pos: number;
  readonly errors: number;
  readonly wildcards: number;
  readonly forced: number;
}

interface CachedTerm {
  readonly term: Term;
  readonly after: ParserState;
  readonly errors: readonly ParseError[];
}

/**
 * The token cursor shared by the parser layers: backtracking state, keyword classification,
 * error reporting in OPA's wording, the recursion guard and a cache of parsed terms (so that
 * re-parsing a term after backtracking costs nothing and nesting cannot go exponential).
 */
export abstract class ParserBase {
  protected pos = 0;
  protected errors: ParseError[] = [];
  protected wildcards = 0;
  /** Index of a keyword token that is read as an identifier (a ref such as `not.x`), or -1. */
  protected forced = -1;
  protected readonly keywords: Set<string>;
  /** While parsing an import path the future keywords are plain identifiers. */
  protected futureOff = false;
  private depth = 0;
  /** Set once the depth limit is hit: parsing then unwinds without trying alternatives. */
  protected fatal: ParseError | undefined;
  private readonly termCache = new Map<number, CachedTerm>();
  private readonly eof: Token;

  constructor(
    protected readonly tokens: readonly Token[],
    protected readonly text: string,
    protected readonly file: string,
    protected readonly version: RegoVersion,
  ) {
    this.keywords = initialKeywords(version);
    const last = tokens[tokens.length - 1];
    this.eof = last ?? {
      kind: "eof",
      text: "",
      loc: { file, row: 1, col: 1, offset: 0 },
      start: 0,
      end: 0,
      ws: false,
      nl: false,
    };
    this.arrive();
  }

  /** The current token. */
  protected tok(): Token {
    return this.tokens[this.pos] ?? this.eof;
  }

  /** The token `k` positions ahead of the current one. */
  protected ahead(k = 1): Token {
    return this.tokens[this.pos + k] ?? this.eof;
  }

  protected at(kind: TokenKind): boolean {
    return this.tok().kind === kind;
  }

  /** Moves to the next token. */
  protected next(): void {
    if (this.pos < this.tokens.length - 1) this.pos++;
    this.arrive();
  }

  /** Reports the lexer's complaints about a token when the parser reaches it. */
  private arrive(): void {
    const t = this.tok();
    if (t.errors) for (const msg of t.errors) this.error(t.loc, msg);
  }

  protected save(): ParserState {
    return { pos: this.pos, errors: this.errors.length, wildcards: this.wildcards, forced: this.forced };
  }

  protected restore(s: ParserState): void {
    this.pos = s.pos;
    this.errors.length = Math.min(this.errors.length, s.errors);
    this.wildcards = s.wildcards;
    this.forced = s.forced;
  }

  /** Forgets cached terms (called between statements, whose tokens never overlap). */
  protected clearCache(): void {
    this.termCache.clear();
  }

  protected cachedTerm(): Term | undefined {
    const hit = this.termCache.get(this.cacheKey());
    if (hit === undefined) return undefined;
    this.errors.push(...hit.errors);
    this.restore({ ...hit.after, errors: this.errors.length });
    return hit.term;
  }

  protected cacheTerm(before: ParserState, key: number, term: Term): void {
    const errors = this.errors.slice(before.errors);
    this.termCache.set(key, { term, after: this.save(), errors });
  }

  protected cacheKey(): number {
    return this.pos * 2 + (this.forced === this.pos ? 1 : 0);
  }

  /** True when token `t` is an enabled keyword (and not read as an identifier here). */
  protected isKeywordToken(index: number): boolean {
    const t = this.tokens[index];
    if (t === undefined || t.kind !== "ident" || index === this.forced) return false;
    if (!this.keywords.has(t.text)) return false;
    return !(this.futureOff && FUTURE_KEYWORDS.includes(t.text));
  }

  /** True when the current token is the keyword `name`. */
  protected isKw(name: string): boolean {
    return this.tok().text === name && this.isKeywordToken(this.pos);
  }

  /** True when the current token is an identifier that is not a keyword. */
  protected isIdent(): boolean {
    return this.tok().kind === "ident" && !this.isKeywordToken(this.pos);
  }

  /**
   * A keyword directly followed by `.` or `[` starts a ref (`not.x`, `if[0]`): read it as an
   * identifier. Returns true when that applies.
   */
  protected scanAheadRef(): boolean {
    if (!this.isKeywordToken(this.pos)) return false;
    const n = this.ahead();
    if (!n.ws && (n.kind === "." || n.kind === "[")) {
      this.forced = this.pos;
      return true;
    }
    return false;
  }

  /** The next token follows the current position without whitespace and has one of the kinds. */
  protected adjacent(...kinds: TokenKind[]): boolean {
    const t = this.tok();
    return !t.ws && kinds.includes(t.kind);
  }

  protected newWildcard(): string {
    return `$_${this.wildcards++}`;
  }

  protected error(loc: Location, message: string): void {
    this.errors.push(new ParseError(message, loc, codeFrame(this.text, loc)));
  }

  /** OPA's "unexpected <token> token|keyword[: note]" at the current token. */
  protected illegal(note = ""): void {
    const t = this.tok();
    if (t.kind === "illegal") {
      this.error(t.loc, "illegal token");
      return;
    }
    const keyword = this.isKeywordToken(this.pos);
    const name = keyword ? t.text : tokenDisplayName(t);
    const what = keyword ? "keyword" : "token";
    this.error(t.loc, note ? `unexpected ${name} ${what}: ${note}` : `unexpected ${name} ${what}`);
  }

  /** Like {@link illegal} for the whitespace right after the previous token. */
  protected illegalWhitespace(note: string): void {
    const prev = this.tokens[this.pos - 1];
    const loc = prev ? this.locAfter(prev) : this.tok().loc;
    this.error(loc, `unexpected whitespace token: ${note}`);
  }

  private locAfter(t: Token): Location {
    const width = new TextEncoder().encode(this.text.slice(t.start, t.end)).length;
    const chars = [...this.text.slice(t.start, t.end)].length;
    return { file: t.loc.file, row: t.loc.row, col: t.loc.col + chars, offset: t.loc.offset + width };
  }

  /** Runs `fn` one level deeper; past {@link MAX_DEPTH} reports an error and gives up. */
  protected nested<T>(fn: () => T | undefined): T | undefined {
    if (this.fatal) return undefined;
    if (this.depth >= MAX_DEPTH) {
      this.fatal = new ParseError("max parsing recursion depth exceeded", this.tok().loc);
      this.errors.push(this.fatal);
      return undefined;
    }
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }
}
