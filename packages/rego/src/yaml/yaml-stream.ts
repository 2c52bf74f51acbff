import {
  Composer,
  type CST,
  type Document,
  type DocumentOptions,
  type EmptyStream,
  LineCounter,
  type ParseOptions,
  Parser,
  type SchemaOptions,
} from "yaml";

/**
 * How deeply YAML collections may nest. The `yaml` package composes documents recursively; near
 * the end of the stack, Node 20's V8 can abort the whole process (a fatal "RegExpCompiler
 * Allocation failed" when a regular expression compiles there) instead of throwing. This limit
 * keeps composing far from the end of the stack; Kubernetes objects nest a few dozen levels.
 */
export const MAX_YAML_DEPTH = 256;

/** A YAML text nests collections deeper than {@link MAX_YAML_DEPTH}; `line` and `col` are 1-based. */
export class YamlNestingError extends Error {
  readonly code = "yaml_too_deep";

  constructor(
    readonly offset: number,
    readonly line: number,
    readonly col: number,
  ) {
    super(`collections nested deeper than ${MAX_YAML_DEPTH} levels`);
    this.name = "YamlNestingError";
  }
}

/** Options of the `yaml` package's document reading. */
export type YamlReadOptions = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * The documents of a YAML stream, as the `yaml` package's `parseAllDocuments` reads them, but
 * read once and checked for depth before they are composed: throws {@link YamlNestingError}
 * rather than recursing too deep. Each error and warning has its `linePos`; messages are left
 * without the excerpt `parseAllDocuments` appends.
 */
export function parseYamlStream(
  text: string,
  options: YamlReadOptions = {},
): Document.Parsed[] | EmptyStream {
  const lines = new LineCounter();
  const composer = new Composer(options);
  const docs = Array.from(composer.compose(checkedTokens(text, lines)));
  for (const doc of docs)
    for (const e of [...doc.errors, ...doc.warnings])
      e.linePos ??= [lines.linePos(e.pos[0]), lines.linePos(e.pos[1])];
  if (docs.length > 0) return docs;
  return Object.assign([], { empty: true } as const, composer.streamInfo());
}

/**
 * Throws {@link YamlNestingError} when `text` nests collections deeper than
 * {@link MAX_YAML_DEPTH}: for readers that cannot use {@link parseYamlStream}.
 */
export function checkYamlNesting(text: string): void {
  for (const _ of checkedTokens(text, new LineCounter()));
}

/**
 * The top-level CST tokens of `text` (documents), each checked before it is handed on; throws
 * {@link YamlNestingError}. `lines` learns where the lines start.
 */
function* checkedTokens(text: string, lines: LineCounter): Generator<CST.Token, void, undefined> {
  for (const token of new Parser(lines.addNewLine).parse(text)) {
    const offset = tooDeepAt(token);
    if (offset !== undefined) {
      const { line, col } = lines.linePos(offset);
      throw new YamlNestingError(offset, line, col);
    }
    yield token;
  }
}

/** The offset of the first collection in `root` nested deeper than the limit (iteratively). */
function tooDeepAt(root: CST.Token): number | undefined {
  const stack: [CST.Token, number][] = [[root, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [token, depth] = next;
    switch (token.type) {
      case "document":
        if (token.value !== undefined) stack.push([token.value, depth]);
        break;
      case "block-map":
      case "block-seq":
      case "flow-collection": {
        if (depth >= MAX_YAML_DEPTH) return token.offset;
        for (const item of token.items) {
          if (item.key !== undefined && item.key !== null) stack.push([item.key, depth + 1]);
          if (item.value !== undefined) stack.push([item.value, depth + 1]);
        }
        break;
      }
    }
  }
  return undefined;
}
