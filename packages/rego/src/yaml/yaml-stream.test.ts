import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { checkYamlNesting, MAX_YAML_DEPTH, parseYamlStream, YamlNestingError } from "./yaml-stream.js";

const flow = (depth: number): string => `${"[".repeat(depth)}${"]".repeat(depth)}\n`;
const block = (depth: number): string => {
  let text = "";
  for (let i = 0; i < depth; i++) text += `${" ".repeat(i)}k:\n`;
  return `${text}${" ".repeat(depth)}v\n`;
};

function nestingError(f: () => unknown): YamlNestingError {
  try {
    f();
  } catch (e: unknown) {
    if (e instanceof YamlNestingError) return e;
    throw e;
  }
  throw new Error("no YamlNestingError");
}

describe("parseYamlStream", () => {
  it("reads documents as parseAllDocuments does", () => {
    const text = "a: 1\nb: [x, {c: d}]\n---\n- 1\n- two\n";
    const docs = parseYamlStream(text);
    expect(docs.map((d) => d.toJS())).toEqual(parseAllDocuments(text).map((d) => d.toJS()));
  });

  it("gives each error its line and column", () => {
    const [doc] = parseYamlStream("a: 1\nb: [1, 2\n");
    expect(doc?.errors[0]?.linePos?.[0]).toEqual({ line: 3, col: 1 });
  });

  it("returns an empty stream for text without documents", () => {
    const docs = parseYamlStream("# only a comment\n");
    expect(docs).toHaveLength(0);
    expect("empty" in docs).toBe(true);
  });

  it(`reads ${MAX_YAML_DEPTH} levels and refuses one more, flow or block`, () => {
    expect(parseYamlStream(flow(MAX_YAML_DEPTH))[0]?.errors).toEqual([]);
    expect(parseYamlStream(block(MAX_YAML_DEPTH))[0]?.errors).toEqual([]);
    const deepFlow = nestingError(() => parseYamlStream(flow(MAX_YAML_DEPTH + 1)));
    expect([deepFlow.line, deepFlow.col, deepFlow.offset]).toEqual([1, MAX_YAML_DEPTH + 1, MAX_YAML_DEPTH]);
    const deepBlock = nestingError(() => parseYamlStream(`ok: 1\n---\n${block(MAX_YAML_DEPTH + 1)}`));
    expect(deepBlock.line).toBe(MAX_YAML_DEPTH + 3);
    expect(deepBlock.message).toBe(`collections nested deeper than ${MAX_YAML_DEPTH} levels`);
  });

  it("refuses very deep text again and again without failing otherwise", () => {
    // Before the limit, the second such read aborted the process (V8 compiling a regular
    // expression at the end of the stack).
    const text = flow(5_000);
    for (let i = 0; i < 10; i++) expect(() => parseYamlStream(text)).toThrow(YamlNestingError);
  });
});

describe("checkYamlNesting", () => {
  it("passes shallow text and refuses deep text", () => {
    expect(() => checkYamlNesting("a: {b: [c]}\n")).not.toThrow();
    expect(() => checkYamlNesting(`x:\n  y: ${flow(MAX_YAML_DEPTH)}`)).toThrow(YamlNestingError);
  });
});
