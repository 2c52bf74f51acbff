import { describe, expect, it } from "vitest";
import { lex } from "./lexer.js";

const kinds = (text: string) => lex(text, "f").tokens.map((t) => t.kind);

describe("lexer", () => {
  it("splits operators and punctuation", () => {
    expect(kinds("a := b == c != d <= e >= f < g > h = i | j & k + l - m * n / o % p")).toEqual([
      ...["ident", ":=", "ident", "==", "ident", "!=", "ident", "<=", "ident", ">=", "ident", "<", "ident"],
      ...[">", "ident", "=", "ident", "|", "ident", "&", "ident", "+", "ident", "-", "ident", "*", "ident"],
      ...["/", "ident", "%", "ident", "eof"],
    ]);
    expect(kinds("[]{}(),:;.")).toEqual(["[", "]", "{", "}", "(", ")", ",", ":", ";", ".", "eof"]);
  });

  it("tracks rows, code-point columns and byte offsets", () => {
    const { tokens } = lex('é := "ü"\n  x', "f");
    expect(tokens.map((t) => [t.kind, t.loc.row, t.loc.col, t.loc.offset])).toEqual([
      ["illegal", 1, 1, 0],
      [":=", 1, 3, 3],
      ["string", 1, 6, 6],
      ["ident", 2, 3, 13],
      ["eof", 2, 3, 14],
    ]);
    expect(tokens[3]?.nl).toBe(true);
    expect(tokens[1]?.ws).toBe(true);
  });

  it("keeps comments aside", () => {
    const { tokens, comments } = lex("a # note\r\n#x\nb", "f");
    expect(tokens.map((t) => t.text)).toEqual(["a", "b", ""]);
    expect(comments).toEqual([
      { text: " note", loc: { file: "f", row: 1, col: 3, offset: 2 } },
      { text: "x", loc: { file: "f", row: 2, col: 1, offset: 10 } },
    ]);
  });

  it("decodes strings", () => {
    const { tokens } = lex('"a\\tb\\u00e9" `raw\\n` "\\x"', "f");
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ["string", "a\tbé"],
      ["string", "raw\\n"],
      ["illegal", '"\\x"'],
      ["eof", ""],
    ]);
    expect(tokens[2]?.errors).toEqual(["illegal escape sequence"]);
  });

  it("lexes template strings with nested expressions", () => {
    const { tokens } = lex('$"a {x} {{1}} \\{b}" $`c {y}`', "f");
    expect(tokens.map((t) => [t.kind, t.text, t.last ?? false])).toEqual([
      ["template", "a ", false],
      ["ident", "x", false],
      ["}", "}", false],
      ["template", " ", false],
      ["{", "{", false],
      ["number", "1", false],
      ["}", "}", false],
      ["}", "}", false],
      ["template", " {b}", true],
      ["template", "c ", false],
      ["ident", "y", false],
      ["}", "}", false],
      ["template", "", true],
      ["eof", "", false],
    ]);
  });

  it("reports bad characters", () => {
    expect(lex("a\u0000", "f").tokens[1]?.errors).toEqual(["illegal null character"]);
    expect(lex("!x", "f").tokens[0]?.errors).toEqual(["illegal ! character"]);
    expect(lex("1.x", "f").tokens[0]?.errors).toEqual(["expected fraction", "illegal number format"]);
    expect(lex('"abc', "f").tokens[0]?.errors).toEqual(["non-terminated string"]);
  });
});
