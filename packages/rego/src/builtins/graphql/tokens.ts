import { GraphQLError, Lexer, Source, type Token, TokenKind } from "graphql";
import { goQuote } from "../../value/go-quote.js";

/** The tokens of a text up to its end or its first lexical error. */
export interface TokenScan {
  /** Tokens in order, ending with `<EOF>` unless lexing failed. */
  readonly tokens: readonly Token[];
  /** The lexical error, if any: its offset and message, and where the bad token starts. */
  readonly error?: { readonly offset: number; readonly message: string; readonly tokenStart: number };
}

/** Lexes `text` with graphql-js's lexer (comments skipped). */
export function scanTokens(text: string): TokenScan {
  const lexer = new Lexer(new Source(text));
  const tokens: Token[] = [];
  let end = 0;
  for (;;) {
    try {
      const tok = lexer.advance();
      tokens.push(tok);
      end = tok.end;
      if (tok.kind === TokenKind.EOF) return { tokens };
    } catch (e: unknown) {
      if (!(e instanceof GraphQLError)) throw e;
      const offset = e.positions?.[0] ?? end;
      return { tokens, error: { offset, message: e.message, tokenStart: skipIgnored(text, end) } };
    }
  }
}

/** The offset of the first character at or after `from` that is not whitespace, a comma or a comment. */
export function skipIgnored(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x2c || c === 0x0a || c === 0x0d || c === 0xfeff) {
      i++;
    } else if (c === 0x23) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    } else {
      break;
    }
  }
  return i;
}

/** The index of the token starting at `offset`, or -1. */
export function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  return tokens.findIndex((t) => t.start === offset);
}

/** gqlparser's name for a token kind (`Name`, `{`, `<EOF>`, …). */
export function kindText(t: Token): string {
  return t.kind;
}

/** gqlparser's description of a token: its kind, then its value quoted Go-style when it has one. */
export function tokenText(t: Token): string {
  const v = t.value;
  return v !== undefined && v !== "" && t.kind !== TokenKind.COMMENT ? `${t.kind} ${goQuote(v)}` : t.kind;
}
