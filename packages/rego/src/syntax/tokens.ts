import type { Location } from "../location.js";

/**
 * Token kinds. Identifiers are not classified as keywords by the lexer: which words are keywords
 * depends on the Rego version and on `future.keywords` imports seen so far, so the parser decides.
 */
export type TokenKind =
  | "illegal"
  | "eof"
  | "ident"
  | "number"
  | "string"
  | "template"
  | "["
  | "]"
  | "{"
  | "}"
  | "("
  | ")"
  | ","
  | ":"
  | ";"
  | "."
  | "+"
  | "-"
  | "*"
  | "/"
  | "%"
  | "&"
  | "|"
  | "="
  | "=="
  | ":="
  | "!="
  | ">"
  | "<"
  | ">="
  | "<=";

/** One token with its position. */
export interface Token {
  readonly kind: TokenKind;
  /**
   * Source text for identifiers and numbers, the decoded value for strings and template-string
   * parts, the raw text otherwise.
   */
  readonly text: string;
  readonly loc: Location;
  /** UTF-16 index of the token's first and one-past-last character in the source. */
  readonly start: number;
  readonly end: number;
  /** Whitespace (or a comment) separates this token from the previous one. */
  readonly ws: boolean;
  /** A newline separates this token from the previous one. */
  readonly nl: boolean;
  /** Lexer errors; a token with errors has kind `illegal`. */
  readonly errors?: readonly string[];
  /** Double-quoted string literal that contains escapes (decoding may still fail). */
  readonly badEscape?: boolean;
  /** Template-string part: backtick (raw) flavour. */
  readonly raw?: boolean;
  /** Template-string part: closes the template (as opposed to opening an embedded expression). */
  readonly last?: boolean;
}

const OPERATOR_NAMES: Partial<Record<TokenKind, string>> = {
  "+": "plus",
  "-": "minus",
  "*": "mul",
  "/": "div",
  "%": "rem",
  "&": "and",
  "|": "or",
  "=": "eq",
  "==": "equal",
  ":=": "assign",
  "!=": "neq",
  ">": "gt",
  "<": "lt",
  ">=": "gte",
  "<=": "lte",
};

/** The builtin an infix operator token stands for (`+` → `plus`), if any. */
export function operatorName(kind: TokenKind): string | undefined {
  return OPERATOR_NAMES[kind];
}

/** How OPA names a token kind in "unexpected … token" messages. */
export function tokenDisplayName(t: Token): string {
  switch (t.kind) {
    case "ident":
      return "ident";
    case "template":
      return t.raw
        ? t.last
          ? "raw-template-string-end"
          : "raw-template-string-part"
        : t.last
          ? "template-string-end"
          : "template-string-part";
    default:
      return OPERATOR_NAMES[t.kind] ?? t.kind;
  }
}
