import { parse } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import type { ParsedExpr } from "./builder.js";
import { parseCel } from "./index.js";
import { libraryExpressions } from "./test-expressions.js";

/** @bufbuild/cel's parse, or undefined when it throws. */
function reference(source: string): ParsedExpr | undefined {
  try {
    return parse(source);
  } catch (e: unknown) {
    if (e instanceof Error) return undefined;
    throw e;
  }
}

describe("parseCel on the gatekeeper-library expressions", () => {
  const expressions = libraryExpressions();

  it("finds the library's expressions", () => {
    expect(expressions.length).toBeGreaterThanOrEqual(199);
  });

  it("parses every one exactly like @bufbuild/cel", () => {
    for (const source of expressions) {
      const expected = parse(source);
      expect(parseCel(source), source).toStrictEqual(expected);
    }
  });
});

/** Valid expressions covering the grammar's corners. */
const VALID = [
  // literals
  "null",
  "true",
  "false",
  "0",
  "42",
  "-7",
  "007",
  "0x1F",
  "0xabcDEF",
  "-0x10",
  "9223372036854775807",
  "-9223372036854775808",
  "99999999999999999999999",
  "1u",
  "1U",
  "0x1Fu",
  "18446744073709551615u",
  "1.0",
  "1.5e3",
  "1.5E-3",
  "1e10",
  "1E+10",
  "-1e-10",
  ".5",
  "-.5",
  "0.0",
  "1e400",
  '""',
  "''",
  '"abc"',
  "'abc'",
  '"""abc"""',
  "'''abc'''",
  '""""""',
  '"""a\nb"""',
  "'''it's'''",
  '"""say "hi" """',
  'r"a\\nb"',
  "R'a\\tb'",
  'r"""raw\n\\x"""',
  '"\\a\\b\\f\\n\\r\\t\\v\\\\\\\'\\"\\?\\`"',
  '"\\x41\\X42\\u0043\\U00000044\\101"',
  '"\\u00e9\\u4e2d\\U0001F600"',
  '"\\z\\q\\8"',
  '"\\377"',
  '"é 中 😀"',
  'b"abc"',
  "B'abc'",
  'b"\\x00\\xff\\377\\u1234\\U0001F600"',
  'b"é😀"',
  'b"\\x"',
  'br"\\x41"',
  'b"""a\nb"""',
  // identifiers and selection
  "a",
  "_a1",
  "nullable",
  "a.b.c",
  ".a",
  ".a.b",
  ". a . b",
  "a.while",
  "a . b",
  "int",
  "a[0]",
  "a[0][1].b[c]",
  "a['k'].b",
  "x.f()",
  "x.f(1, 2).g(3)",
  "x.f (1)",
  "f(x)",
  "f()",
  ".f(x)",
  "size(x) > 0",
  "1.foo()",
  "-1.foo()",
  "'a'.size()",
  // operators and precedence
  "a + b * c",
  "a * b + c",
  "(a + b) * c",
  "a - b - c",
  "a / b % c * d",
  "a < b == c",
  "a <= b != c >= d > e",
  "a in b",
  "a < b + c",
  "a == b - c * d",
  "a + b == c + d",
  "a in b + c",
  "a * !b",
  "a * -b",
  "a && b ? c || d : e && f",
  "a in [1, 2, 3]",
  "a inx",
  "a + b < c * d && e || f",
  "a || b && c",
  "a && b || c && d",
  "a && b && c && d && e && f && g",
  "a || b || c || d || e",
  "a ? b : c",
  "a ? b : c ? d : e",
  "(a ? b : c) ? d : e",
  "a || b ? c && d : e || f",
  "a ? (b ? c : d) : e",
  "!a",
  "!!a",
  "!!!a",
  "!(!a)",
  "!(!(!a))",
  "-a",
  "--a",
  "---a",
  "-(-a)",
  "- 1",
  "-(1)",
  "--1",
  "---1",
  "!-1",
  "a - -1",
  "a--1",
  "a-1",
  "a - 1",
  "a*-1",
  "!a && !b",
  "-a * -b",
  "a != b",
  "!(a == b)",
  // lists, maps, messages
  "[]",
  "[ ]",
  "[,]",
  "[1]",
  "[1,]",
  "[1, 2, 3]",
  "[[1], [2, [3]]]",
  "{}",
  "{,}",
  "{'a': 1}",
  "{'a': 1,}",
  "{ 'a' : 1 , 'b' : [2] }",
  "{1: 'a', true: 'b', x.y: z}",
  "{'a': {'b': {'c': 1}}}",
  "A{}",
  "a.b.C{f: 1}",
  ".a.B{f: 1, g: [2],}",
  "A { f : 1 , g : 2 }",
  "A{,}",
  "[{'a': A{b: 1}}][0]['a'].b",
  // macros
  "has(a.b)",
  "has(a.b.c)",
  "has(a)",
  "has(a.b, c)",
  "x.has(a.b)",
  ".has(a.b)",
  "!has(a.b) || a.b",
  "x.all(y, y > 0)",
  "x.exists(y, y > 0)",
  "x.exists_one(y, y > 0)",
  "x.existsOne(y, y > 0)",
  "x.map(y, y * 2)",
  "x.map(y, y > 0, y * 2)",
  "x.filter(y, y > 0)",
  "x.all(y, y.exists(z, z == y))",
  "x.map(y, y.filter(z, z > 0).map(z, z + 1)).exists(l, l.all(e, has(e.f)))",
  "x.filter(y, has(y.a)).map(y, y.a)",
  "[1, 2].all(x, x > 0) && {'a': 1}.exists(k, k == 'a')",
  "x.all(1, y)",
  "x.all(y)",
  "x.map(y, z, w, v)",
  "x.sort(y, y)",
  "x.all(y, [y.map(z, z)])",
  "x.exists(y, f(y.map(z, z)))",
  "x.exists(y, y.a.b.map(z, z).c)",
  "x.exists(y, {1: y.map(z, z)})",
  "x.exists(y, y[0].map(z, z))",
  "x.exists(y, has(y.map(z, z).a))",
  // whitespace and comments
  " a ",
  "\ta\n",
  "a\r\n+\r\nb",
  "a // comment\n",
  "// comment\na",
  "// c1\n// c2\nf(x)",
  "a ? b : c // c1\n // c2\n",
  "a // c\n && b",
  "a &&\n// c\nb",
  "[1, // one\n 2 // two\n]",
  "f(\n  a,\n  b\n)",
];

/** Expressions @bufbuild/cel rejects. */
const INVALID = [
  "",
  " ",
  "(",
  "(a",
  "a)",
  "((a)",
  "[1, 2",
  "{'a': 1",
  "{'a'}",
  "1 +",
  "+ 1",
  "a +* b",
  "a b",
  "a.",
  "a.1",
  "a..b",
  "a[",
  "a[]",
  "f(",
  "f(a,)",
  "f( )",
  "x.f(a,)",
  "while",
  "if",
  "let x",
  "in",
  "a.in",
  "a.true",
  "a.null",
  "true.x.false",
  "truex",
  "falsey",
  "a ? b",
  "a ? b :",
  "a ? b ? c : d : e",
  "!-a",
  "-!a",
  "a & b",
  "a | b",
  "a = b",
  "a ! b",
  '"abc',
  "'abc",
  '"a\nb"',
  '"""abc',
  '"abc"def',
  "'''",
  '"\\x4"',
  '"\\u"',
  '"\\uD800"',
  '"\\U00110000"',
  '"\\"',
  "1.5e",
  "1.",
  "1..2",
  "0x",
  "1x",
  "1.5u",
  "-1u",
  "a // comment",
  "a // c1\n// c2\n",
  "a{b}",
  "a{b: 1, c}",
  "A{1: 2}",
  "{a: }",
  "$",
  "a @ b",
  "a\u00a0b",
  "é",
];

describe("parseCel on tricky expressions", () => {
  it.each(VALID)("parses %j like @bufbuild/cel", (source) => {
    const expected = reference(source);
    expect(expected, "@bufbuild/cel accepts it").toBeDefined();
    expect(parseCel(source)).toStrictEqual(expected);
  });

  it.each(INVALID)("rejects %j like @bufbuild/cel", (source) => {
    expect(reference(source), "@bufbuild/cel rejects it").toBeUndefined();
    expect(parseCel(source)).toBeUndefined();
  });

  it("handles deep nesting without a stack overflow crash", () => {
    const deep = `${"(".repeat(300)}a${")".repeat(300)}`;
    expect(parseCel(deep)).toStrictEqual(reference(deep));
    const tooDeep = `${"[".repeat(100000)}${"]".repeat(100000)}`;
    expect(parseCel(tooDeep)).toBeUndefined();
  });
});
