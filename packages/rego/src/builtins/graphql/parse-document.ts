import { type DocumentNode, GraphQLError, Kind, parse, type Token, TokenKind } from "graphql";
import { GqlFailure } from "./gql-error.js";
import { LineIndex } from "./source-location.js";
import { kindText, scanTokens, tokenIndexAt, tokenText } from "./tokens.js";

/** Which of gqlparser's two grammars a text is parsed with. */
export type DocumentMode = "query" | "schema";

/** A parsed document with the line index of its text (for error and node locations). */
export interface ParsedDocument {
  readonly doc: DocumentNode;
  readonly lines: LineIndex;
}

/** The directive locations gqlparser knows (graphql-js knows more). */
const DIRECTIVE_LOCATIONS = new Set([
  "QUERY",
  "MUTATION",
  "SUBSCRIPTION",
  "FIELD",
  "FRAGMENT_DEFINITION",
  "FRAGMENT_SPREAD",
  "INLINE_FRAGMENT",
  "VARIABLE_DEFINITION",
  "SCHEMA",
  "SCALAR",
  "OBJECT",
  "FIELD_DEFINITION",
  "ARGUMENT_DEFINITION",
  "INTERFACE",
  "UNION",
  "ENUM",
  "ENUM_VALUE",
  "INPUT_OBJECT",
  "INPUT_FIELD_DEFINITION",
]);

const EMPTY_DOCUMENT: DocumentNode = { kind: Kind.DOCUMENT, definitions: [] };
const PLACEHOLDERS = ["|", "&", ")"];
const MAX_RETRIES = 256;

/**
 * Parses a query or schema document with graphql-js, accepting and rejecting what gqlparser does
 * and reporting its error messages: gqlparser accepts an empty document and empty argument lists,
 * rejects definitions of the other grammar, and words and places its errors differently.
 */
export function parseDocument(text: string, mode: DocumentMode): ParsedDocument {
  const lines = new LineIndex(text);
  const fail = (at: number | Token, message: string): GqlFailure =>
    new GqlFailure("parse", [
      {
        message,
        pos: typeof at === "number" ? lines.locate(at) : lines.locateToken(at.kind, at.start, at.end),
      },
    ]);
  const scan = scanTokens(text);
  if (scan.error === undefined && scan.tokens.every((t) => t.kind === TokenKind.EOF)) {
    return { doc: EMPTY_DOCUMENT, lines };
  }
  let current = text;
  for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
    let doc: DocumentNode;
    try {
      doc = parse(current, { allowLegacyFragmentVariables: true });
    } catch (e: unknown) {
      if (!(e instanceof GraphQLError)) throw e;
      const offset = e.positions?.[0] ?? 0;
      const lexical = scan.error;
      if (lexical !== undefined && offset === lexical.offset && e.message === lexical.message) {
        throw fail(
          lexicalOffset(lexical.offset, lexical.message),
          invalidTokenMessage(current, lexical.tokenStart),
        );
      }
      const tokens = scanTokens(current).tokens;
      const mapped = mapParserError(stripPrefix(e.message), tokens, tokenIndexAt(tokens, offset), mode);
      if (mapped === "retry") {
        current = blankEmptyParens(current, tokens, tokenIndexAt(tokens, offset));
        continue;
      }
      throw fail(mapped.at ?? offset, mapped.message);
    }
    const wrong = misplaced(doc, mode);
    if (wrong !== undefined) throw fail(wrong.at, wrong.message);
    return { doc, lines };
  }
  throw fail(0, "too many empty argument lists");
}

/**
 * The first thing graphql-js accepts but gqlparser's grammar does not: definitions of the other
 * grammar, descriptions on operations, fragments and variables (gqlparser has none), and directive
 * locations gqlparser does not know.
 */
function misplaced(doc: DocumentNode, mode: DocumentMode): { at: Token; message: string } | undefined {
  for (const d of doc.definitions) {
    const executable = d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION;
    const start = d.loc?.startToken;
    if (start === undefined) continue;
    if (mode === "schema") {
      if (d.kind === Kind.DIRECTIVE_DEFINITION) {
        const bad = d.locations.find((l) => !DIRECTIVE_LOCATIONS.has(l.value))?.loc?.startToken;
        if (bad !== undefined) return { at: bad, message: `Unexpected ${tokenText(bad)}` };
      }
      if (!executable) continue;
      const at = d.description !== undefined && start.next !== null ? start.next : start;
      return { at, message: `Unexpected ${tokenText(at)}` };
    }
    if (!executable || d.description !== undefined)
      return { at: start, message: `Unexpected ${tokenText(start)}` };
    for (const v of d.variableDefinitions ?? []) {
      const desc = v.description?.loc?.startToken;
      if (desc !== undefined) return { at: desc, message: `Expected $, found ${kindText(desc)}` };
    }
  }
  return undefined;
}

function stripPrefix(message: string): string {
  return message.startsWith("Syntax Error: ") ? message.slice("Syntax Error: ".length) : message;
}

/** gqlparser places escape-sequence errors one character after the backslash graphql-js points at. */
function lexicalOffset(offset: number, message: string): number {
  return /escape sequence/i.test(message) ? offset + 1 : offset;
}

/**
 * gqlparser turns a lexical error into an `<Invalid>` token and then reports what its parser expected
 * there. Found out by parsing the text cut at the bad token with a placeholder token in its place.
 */
function invalidTokenMessage(text: string, tokenStart: number): string {
  for (const placeholder of PLACEHOLDERS) {
    try {
      parse(text.slice(0, tokenStart) + placeholder, { allowLegacyFragmentVariables: true });
    } catch (e: unknown) {
      if (!(e instanceof GraphQLError) || e.positions?.[0] !== tokenStart) continue;
      const m = /^Expected (.+), found /.exec(stripPrefix(e.message));
      if (m?.[1] !== undefined) return `Expected ${expectedText(m[1])}, found <Invalid>`;
      return "Unexpected <Invalid>";
    }
  }
  return "Unexpected <Invalid>";
}

type Mapped = { readonly at?: Token; readonly message: string } | "retry";

function mapParserError(message: string, tokens: readonly Token[], i: number, mode: DocumentMode): Mapped {
  const tok = tokens[i];
  if (tok === undefined) return { message: message.replace(/\.$/, "") };
  const at = tok;
  const prev = tokens[i - 1];
  if (message.startsWith("Expected ")) {
    if (tok.kind === TokenKind.PAREN_R && prev?.kind === TokenKind.PAREN_L) {
      if (mode === "query" || isDirectiveArguments(tokens, i - 1)) return "retry";
      return { at, message: "expected at least one definition, found )" };
    }
    if (tok.kind === TokenKind.BRACE_R && prev?.kind === TokenKind.BRACE_L) {
      return { at, message: "expected at least one definition, found }" };
    }
    const m = /^Expected (.+), found /.exec(message);
    const expected = m?.[1];
    if (expected === undefined) return { at, message: message.replace(/\.$/, "") };
    const found = isKeyword(expected) ? tokenText(tok) : kindText(tok);
    return { at, message: `Expected ${expectedText(expected)}, found ${found}` };
  }
  if (message.startsWith("Unexpected description")) {
    const next = tokens[i + 1];
    if (
      mode === "schema" &&
      next !== undefined &&
      !(next.kind === TokenKind.NAME && next.value === "extend")
    ) {
      return { at: next, message: `Unexpected ${tokenText(next)}` };
    }
    return { at, message: `Unexpected ${tokenText(tok)}` };
  }
  if (message.startsWith("Unexpected variable")) return { at, message: "Unexpected $" };
  return { at, message: `Unexpected ${tokenText(tok)}` };
}

function isKeyword(expected: string): boolean {
  return /^"[_A-Za-z][_0-9A-Za-z]*"$/.test(expected);
}

/** Keywords stay quoted (`"on"`); punctuators lose their quotes (`{`). */
function expectedText(expected: string): string {
  if (isKeyword(expected)) return expected;
  return expected.length > 2 && expected.startsWith('"') && expected.endsWith('"')
    ? expected.slice(1, -1)
    : expected;
}

/** `@name(` where the directive is applied (not `directive @name(` declaring it). */
function isDirectiveArguments(tokens: readonly Token[], parenIndex: number): boolean {
  const name = tokens[parenIndex - 1];
  const at = tokens[parenIndex - 2];
  const before = tokens[parenIndex - 3];
  if (name?.kind !== TokenKind.NAME || at?.kind !== TokenKind.AT) return false;
  return !(before?.kind === TokenKind.NAME && before.value === "directive");
}

function blankEmptyParens(text: string, tokens: readonly Token[], closeIndex: number): string {
  const close = tokens[closeIndex];
  const open = tokens[closeIndex - 1];
  if (close === undefined || open === undefined) return text;
  return `${text.slice(0, open.start)} ${text.slice(open.end, close.start)} ${text.slice(close.end)}`;
}
