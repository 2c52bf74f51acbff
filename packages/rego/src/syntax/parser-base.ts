import type { RegoVersion, Term } from "../ast/nodes.js";
import { ParseError } from "../errors.js";
import { codeFrame, type Location } from "../location.js";
import { FUTURE_KEYWORDS, initialKeywords } from "./keywords.js";
import { utf8Length } from "./strings.js";
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
  readonly hints: readonly string[];
}

/** An error noted while parsing; most are dropped by backtracking, so they stay cheap records. */
export interface PendingError {
  readonly message: string;
  readonly loc: Location;
}

const NO_ERRORS: readonly PendingError[] = [];

const FUTURE: ReadonlySet<string> = new Set(FUTURE_KEYWORDS);

interface CachedTerm {
  readonly term: Term;
  readonly after: ParserState;
  readonly errors: readonly PendingError[];
}

/**
 * The token cursor shared by the parser layers: backtracking state, keyword classification,
 * error reporting in OPA's wording, the recursion guard and a cache of parsed terms (so that
 * re-parsing a term after backtracking costs nothing and nesting cannot go exponential).
 */
export abstract class ParserBase {
  protected pos = 0;
  protected errors: PendingError[] = [];
  protected wildcards = 0;
  /** Index of a keyword token that is read as an identifier (a ref such as `not.x`), or -1. */
  protected forced = -1;
  /** Hints appended to the next error, as OPA does for keywords a v0 module did not import. */
  private hints: readonly string[] = [];
  protected readonly keywords: Set<string>;
  /** While parsing an import path the future keywords are plain identifiers. */
  protected futureOff = false;
  private depth = 0;
  /** Set once the depth limit is hit: parsing then unwinds without trying alternatives. */
  protected fatal: PendingError | undefined;
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
    return {
      pos: this.pos,
      errors: this.errors.length,
      wildcards: this.wildcards,
      forced: this.forced,
      hints: this.hints,
    };
  }

  protected restore(s: ParserState): void {
    this.pos = s.pos;
    this.errors.length = Math.min(this.errors.length, s.errors);
    this.wildcards = s.wildcards;
    this.forced = s.forced;
    this.hints = s.hints;
  }

  /** Runs `fn` as if every future keyword were enabled (for hints in v0), then undoes its effects. */
  protected withFutureKeywords<T>(fn: () => T): T {
    const added = FUTURE_KEYWORDS.filter((k) => !this.keywords.has(k));
    const s = this.save();
    this.clearCache();
    for (const k of added) this.keywords.add(k);
    try {
      return fn();
    } finally {
      for (const k of added) this.keywords.delete(k);
      this.restore(s);
      this.clearCache();
    }
  }

  /** Adds a hint to the next error reported. */
  protected hint(text: string): void {
    this.hints = [...this.hints, text];
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
    const errors = this.errors.length > before.errors ? this.errors.slice(before.errors) : NO_ERRORS;
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
    return !(this.futureOff && FUTURE.has(t.text));
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

  /** The current token follows the previous one without whitespace and is `.` or `[` (or `(`). */
  protected adjacentRef(call: boolean): boolean {
    const t = this.tok();
    return !t.ws && (t.kind === "." || t.kind === "[" || (call && t.kind === "("));
  }

  protected newWildcard(): string {
    return `$_${this.wildcards++}`;
  }

  protected error(loc: Location, message: string): void {
    const h = this.hints;
    const suffix = h.length === 0 ? "" : h.length === 1 ? ` (hint: ${h[0]})` : ` (hints: ${h.join(", ")})`;
    this.hints = [];
    this.errors.push({ message: message + suffix, loc });
  }

  /** The errors noted so far, as parse errors with caret frames. */
  parseErrors(): ParseError[] {
    return this.errors.map((e) => new ParseError(e.message, e.loc, codeFrame(this.text, e.loc)));
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
    const width = utf8Length(this.text.slice(t.start, t.end));
    const chars = [...this.text.slice(t.start, t.end)].length;
    return { file: t.loc.file, row: t.loc.row, col: t.loc.col + chars, offset: t.loc.offset + width };
  }

  /**
   * Enters one nesting level; past {@link MAX_DEPTH} reports an error, and from then on every
   * parse function gives up at once. Pair each successful call with {@link leave}.
   */
  protected enter(): boolean {
    if (this.fatal) return false;
    if (this.depth >= MAX_DEPTH) {
      this.fatal = { message: "max parsing recursion depth exceeded", loc: this.tok().loc };
      this.errors.push(this.fatal);
      return false;
    }
    this.depth++;
    return true;
  }

  protected leave<T>(result: T): T {
    this.depth--;
    return result;
  }
}
