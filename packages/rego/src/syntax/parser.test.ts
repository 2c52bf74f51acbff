import { describe, expect, it } from "vitest";
import type { Expr, Module, Rule, Term } from "../ast/nodes.js";
import { RegoErrors } from "../errors.js";
import { parseModule, parseQuery, parseTerm } from "./parser.js";
import { errorsOf, strip } from "./test-helpers.js";

const v = (name: string) => ({ type: "var", name });
const s = (value: unknown) => ({ type: "scalar", value });
const ref = (...terms: unknown[]) => ({ type: "ref", terms });
const op = (name: string) => {
  const [head = name, ...rest] = name.split(".");
  return ref(v(head), ...rest.map(s));
};
const call = (name: string, ...args: unknown[]) => ({ type: "call", op: op(name), args });
const expr = (node: unknown, extra: Record<string, unknown> = {}) => ({
  negated: false,
  node,
  with: [],
  ...extra,
});
const termExpr = (term: unknown) => expr({ kind: "term", term });
const callExpr = (name: string, ...args: unknown[]) => expr({ kind: "call", op: op(name), args });
const TRUE_BODY = [termExpr(s(true))];

function mod(body: string, regoVersion: 0 | 1 = 1): Module {
  return parseModule(`package test\n${body}`, { regoVersion, file: "t.rego" });
}

function rules(body: string, regoVersion: 0 | 1 = 1): Rule[] {
  return [...mod(body, regoVersion).rules];
}

function rule(body: string, regoVersion: 0 | 1 = 1): unknown {
  const [r] = rules(body, regoVersion);
  return strip(r);
}

function term(text: string, regoVersion: 0 | 1 = 1): unknown {
  return strip(parseTerm(text, { regoVersion }));
}

function query(text: string, regoVersion: 0 | 1 = 1): unknown {
  return strip(parseQuery(text, { regoVersion }));
}

function modErrors(body: string, regoVersion: 0 | 1 = 1): string[] {
  return errorsOf(() => mod(body, regoVersion));
}

describe("package and imports", () => {
  it("builds data refs for packages", () => {
    const m = parseModule('package a.b["c-d"]\n', { regoVersion: 1 });
    expect(strip(m.package.path)).toEqual(ref(v("data"), s("a"), s("b"), s("c-d")));
    expect(m.regoVersion).toBe(1);
  });

  it("parses imports with aliases", () => {
    const m = mod("import data.x.y as z\nimport input.a\nimport rego.v1\nimport future.keywords.in");
    expect(m.imports.map((i) => [strip(i.path), i.alias])).toEqual([
      [ref(v("data"), s("x"), s("y")), "z"],
      [ref(v("input"), s("a")), undefined],
      [ref(v("rego"), s("v1")), undefined],
      [ref(v("future"), s("keywords"), s("in")), undefined],
    ]);
  });

  it("rejects bad imports", () => {
    expect(modErrors("import foo.bar")[0]).toContain(
      "unexpected import path, must begin with one of: {data, future, input, rego}, got: foo",
    );
    expect(modErrors("import future.keywords.foo", 0)).toEqual([
      "unexpected keyword, must be one of [contains every if in]",
    ]);
    expect(modErrors("import future.foo", 0)).toEqual(["invalid import, must be `future.keywords`"]);
    expect(modErrors("import rego.v2", 0)).toEqual(["invalid import `rego.v2`, must be `rego.v1`"]);
    expect(modErrors("import rego.v1 as r", 0)).toEqual(["`rego` imports cannot be aliased"]);
    expect(modErrors("import data.x.if")).toEqual([
      "unexpected import path, must not end with a keyword, got: if",
    ]);
  });

  it("requires the package first and only once", () => {
    expect(errorsOf(() => parseModule("p := 1"))).toEqual(["package expected"]);
    expect(errorsOf(() => parseModule(""))).toEqual(["empty module"]);
    expect(modErrors("package b")).toEqual(["unexpected package"]);
    expect(errorsOf(() => parseModule("package foo."))).toEqual(["unexpected eof token: expected ident"]);
  });
});

describe("future keywords in v0", () => {
  it("hints at the missing import", () => {
    expect(modErrors("p { some x in [1] }", 0)[0]).toContain(
      "(hint: `import future.keywords.in` for `some x in xs` expressions)",
    );
    expect(modErrors("p { every x in [1] { x } }", 0)[0]).toContain(
      "(hint: `import future.keywords.every` for `every x in xs { ... }` expressions)",
    );
  });

  it("enables keywords per import", () => {
    expect(rule("import future.keywords.in\np { 1 in [1] }", 0)).toMatchObject({
      body: [callExpr("internal.member_2", s(1), { type: "array", items: [s(1)] })],
    });
    expect(modErrors("import future.keywords.in\np if { true }", 0)).toContain(
      "var cannot be used for rule name",
    );
  });

  it("keeps them identifiers without an import", () => {
    const [r] = rules("p { in := 1; in == 1 }", 0);
    expect(strip(r?.body[0])).toEqual(callExpr("assign", v("in"), s(1)));
  });

  it("enables all with future.keywords and rego.v1", () => {
    for (const imp of ["import future.keywords", "import rego.v1"]) {
      const r = rule(`${imp}\np contains x if { some x in [1]; every y in [1] { y > 0 } }`, 0);
      expect(r).toMatchObject({ head: { ref: [v("p")], key: v("x"), contains: true } });
    }
  });

  it("checks v1 rules after import rego.v1", () => {
    expect(modErrors("import rego.v1\np { true }", 0)).toEqual(["`if` keyword is required before rule body"]);
  });

  it("accepts import rego.v1 as a no-op in v1", () => {
    expect(mod("import rego.v1\np if true").rules).toHaveLength(1);
  });
});

describe("rules", () => {
  it("parses complete rules", () => {
    expect(rule("p := 1")).toEqual({
      head: { ref: [v("p")], value: s(1), assign: true, contains: false },
      body: TRUE_BODY,
      isDefault: false,
      annotations: [],
    });
    expect(rule("p = 1")).toMatchObject({ head: { value: s(1), assign: false } });
    expect(rule("p if { x := 1 }")).toMatchObject({
      head: { ref: [v("p")], value: s(true), assign: false, contains: false },
      body: [callExpr("assign", v("x"), s(1))],
    });
    expect(rule("p if input.x")).toMatchObject({ body: [termExpr(ref(v("input"), s("x")))] });
    expect(rule("p { true }", 0)).toMatchObject({ head: { value: s(true) } });
    expect(rule("p := x if { x := 2 }")).toMatchObject({ head: { value: v("x"), assign: true } });
  });

  it("treats a set after if as a body", () => {
    expect(rule("p if { x }")).toMatchObject({ body: [termExpr(v("x"))] });
  });

  it("parses default rules", () => {
    expect(rule("default p := 1")).toMatchObject({ isDefault: true, head: { value: s(1), assign: true } });
    expect(rule("default p = {1: [2]}")).toMatchObject({ isDefault: true, head: { assign: false } });
    expect(rule("default f(_) := 1")).toMatchObject({ head: { ref: [v("f")], args: [v("_")], value: s(1) } });
    expect(rule("default p := [x | x := 1]")).toMatchObject({ isDefault: true });
  });

  it("rejects default rules with non-constant values", () => {
    expect(modErrors("default p := x")).toEqual(["illegal default rule (value cannot contain var)"]);
    expect(modErrors("default p := input.x")).toEqual(["illegal default rule (value cannot contain ref)"]);
    expect(modErrors("default p := f(1)")).toEqual(["illegal default rule (value cannot contain call)"]);
    expect(modErrors("default f(1) := 1")).toEqual([
      "illegal default rule (arguments cannot contain number)",
    ]);
    expect(modErrors("default f(x, x) := 1")).toEqual([
      "illegal default rule (arguments cannot be repeated x)",
    ]);
    expect(modErrors("default p := ")).toEqual([
      "unexpected eof token",
      "unexpected eof token: expected default rule value term (e.g., default p := <VALUE>)",
    ]);
  });

  it("parses partial set rules", () => {
    const contains = { ref: [v("p")], key: v("x"), contains: true, assign: false };
    expect(rule("p[x] { x = 1 }", 0)).toMatchObject({ head: contains });
    expect(rule("p contains x if { x = 1 }")).toMatchObject({ head: contains });
    expect(rule("p contains 1")).toMatchObject({ head: { key: s(1), contains: true }, body: TRUE_BODY });
    expect(rule("a.b contains x if x := 1")).toMatchObject({
      head: { ref: [v("a"), s("b")], contains: true },
    });
    expect(rule("p.q { true }", 0)).toMatchObject({ head: { ref: [v("p")], key: s("q"), contains: true } });
    const r = rules("p contains 1")[0];
    expect(r?.head.value).toBeUndefined();
  });

  it("parses partial object and ref-head rules", () => {
    expect(rule('p[k] = v { k := "a"; v := 1 }', 0)).toMatchObject({
      head: { ref: [v("p"), v("k")], value: v("v"), contains: false },
    });
    expect(rule("a.b.c[x] := y if { x := 1; y := 2 }")).toMatchObject({
      head: { ref: [v("a"), s("b"), s("c"), v("x")], value: v("y"), assign: true },
    });
    expect(rule("a.b[x].c contains y if { x := 1; y := 2 }")).toMatchObject({
      head: { ref: [v("a"), s("b"), v("x"), s("c")], key: v("y"), contains: true },
    });
    expect(rule('p["k"] := 1')).toMatchObject({ head: { ref: [v("p"), s("k")], value: s(1) } });
    expect(rule("p[x] if { x := 1 }")).toMatchObject({
      head: { ref: [v("p"), v("x")], value: s(true), contains: false },
    });
    expect(rule("a.b.c if true")).toMatchObject({ head: { ref: [v("a"), s("b"), s("c")], value: s(true) } });
  });

  it("parses functions", () => {
    expect(rule("f(x) = y { y := x }", 0)).toMatchObject({
      head: { ref: [v("f")], args: [v("x")], value: v("y") },
    });
    expect(rule("f(x) := y if y := x")).toMatchObject({ head: { args: [v("x")], assign: true } });
    expect(rule("f(x) if x > 1")).toMatchObject({ head: { args: [v("x")], value: s(true) } });
    expect(rule("a.b.f(x, [y]) := 1 if true")).toMatchObject({
      head: { ref: [v("a"), s("b"), s("f")], args: [v("x"), { type: "array", items: [v("y")] }] },
    });
    expect(rules("f(1) := 1\nf(2) := 2")).toHaveLength(2);
  });

  it("splits chained bodies into rules with the same head", () => {
    const rs = rules("p = 1 { false } { true }", 0);
    expect(rs.map((r) => strip(r.head))).toEqual([
      { ref: [v("p")], value: s(1), assign: false, contains: false },
      { ref: [v("p")], value: s(1), assign: false, contains: false },
    ]);
    expect(rs.map((r) => strip(r.body))).toEqual([[termExpr(s(false))], TRUE_BODY]);
    const fs = rules("f(_) = 1 { true } { true }", 0);
    expect(fs[0]?.head.args?.[0]).not.toEqual(fs[1]?.head.args?.[0]);
  });

  it("parses else chains", () => {
    const r = rule("p := 1 if { false } else := 2 if { false } else if { true } else = 4");
    expect(r).toMatchObject({
      head: { value: s(1) },
      else: {
        head: { value: s(2), assign: true },
        body: [termExpr(s(false))],
        else: {
          head: { value: s(true) },
          body: TRUE_BODY,
          else: { head: { value: s(4), assign: false }, body: TRUE_BODY },
        },
      },
    });
    expect(rule("f(x) = 1 { x } else = 2 { true }", 0)).toMatchObject({ else: { head: { args: [v("x")] } } });
    expect(rule("p if false else if true")).toMatchObject({ else: { head: { value: s(true) } } });
  });

  it("rejects bad else usage", () => {
    expect(modErrors("p[x] := 1 if { x := 1 } else := 2")).toEqual([
      "else keyword cannot be used on rules with variables in head",
    ]);
    expect(modErrors("p contains x if { x := 1 } else := 2")).toEqual([
      "else keyword cannot be used on multi-value rules",
    ]);
    expect(modErrors("p if { true } else = 1 { false } { true }")).toEqual(["expected else keyword"]);
    expect(modErrors("p if { true } else = 1 { false }")).toEqual([
      "`if` keyword is required before rule body",
    ]);
  });

  it("reads bare top-level statements as rules", () => {
    expect(rule("p[x]", 0)).toMatchObject({ head: { ref: [v("p")], key: v("x"), contains: true } });
    expect(rule("p.q.r", 0)).toMatchObject({ head: { ref: [v("p"), s("q"), s("r")], value: s(true) } });
    expect(rule("f(x) = 1", 0)).toMatchObject({ head: { ref: [v("f")], args: [v("x")], value: s(1) } });
    expect(rule("p.q[r] = 1")).toMatchObject({ head: { ref: [v("p"), s("q"), v("r")], value: s(1) } });
  });

  it("reports statements that cannot be rules", () => {
    expect(modErrors("p")).toEqual(["var cannot be used for rule name"]);
    expect(modErrors("1 = 2")).toEqual(["number cannot be used for rule name"]);
    expect(modErrors("not p")).toEqual(["negated expressions cannot be used for rule head"]);
    expect(modErrors("x == 1")).toEqual(["rule name conflicts with built-in function"]);
    expect(modErrors("some x")).toEqual(["'some' declarations cannot be used for rule head"]);
    expect(modErrors("p.q.r")).toEqual(["rule must have value assignment and/or body declaration"]);
    expect(errorsOf(() => parseModule("package a\ncount(x)", { builtins: new Set(["count"]) }))).toEqual([
      "rule name conflicts with built-in function",
    ]);
  });

  it("applies the v1 checks", () => {
    expect(modErrors("p[x] { x = 1 }")).toEqual([
      "`if` keyword is required before rule body",
      "`contains` keyword is required for partial set rules",
    ]);
    expect(modErrors("f(x) { true }")).toEqual(["`if` keyword is required before function body"]);
    expect(modErrors("contains := 1")).toEqual(["contains keyword cannot be used for rule name"]);
    expect(modErrors("p contains x if { x = 1 }", 0)).toEqual([
      "var cannot be used for rule name",
      "var cannot be used for rule name",
      "var cannot be used for rule name",
    ]);
  });
});

describe("bodies", () => {
  it("separates expressions by newlines or semicolons", () => {
    expect(query("a; b\nc")).toEqual([termExpr(v("a")), termExpr(v("b")), termExpr(v("c"))]);
    expect(modErrors("p if { a b }")).toEqual(["unexpected ident token: expected \\n or ; or }"]);
    expect(modErrors("p { }", 0)).toEqual(["found empty body"]);
  });

  it("parses some declarations", () => {
    expect(query("some x, y")).toEqual([expr({ kind: "some", vars: [v("x"), v("y")] })]);
    expect(query("some x in xs")).toEqual([expr({ kind: "somein", value: v("x"), collection: v("xs") })]);
    expect(query("some k, v in {1: 2}")).toEqual([
      expr({
        kind: "somein",
        key: v("k"),
        value: v("v"),
        collection: { type: "object", entries: [[s(1), s(2)]] },
      }),
    ]);
    expect(errorsOf(() => parseQuery("some 1"))).toEqual(["unexpected number token: expected var"]);
    expect(errorsOf(() => parseQuery("not some x in y"))).toEqual([
      "unexpected some keyword: illegal negation of 'some'",
    ]);
    expect(errorsOf(() => parseQuery("some f(x)"))).toEqual([
      "unexpected eof token: expected `x in xs` or `x, y in xs` expression",
    ]);
  });

  it("parses every", () => {
    expect(query("every x in xs { x > 0 }")).toEqual([
      expr({ kind: "every", value: v("x"), domain: v("xs"), body: [callExpr("gt", v("x"), s(0))] }),
    ]);
    expect(query("every k, v in xs { k }")).toMatchObject([
      { node: { kind: "every", key: v("k"), value: v("v"), body: [termExpr(v("k"))] } },
    ]);
    expect(errorsOf(() => parseQuery("every x in xs"))).toEqual(["unexpected eof token: missing body"]);
    expect(errorsOf(() => parseQuery("every 1 in xs { true }"))).toEqual([
      "unexpected { token: expected value to be a variable",
    ]);
  });

  it("parses not and with", () => {
    expect(query("not x with input as 1 with data.a.b as {}")).toEqual([
      expr(
        { kind: "term", term: v("x") },
        {
          negated: true,
          with: [
            { target: ref(v("input")), value: s(1) },
            { target: ref(v("data"), s("a"), s("b")), value: { type: "object", entries: [] } },
          ],
        },
      ),
    ]);
    expect(query("f(x) with f as g")).toMatchObject([{ with: [{ target: ref(v("f")), value: v("g") }] }]);
    expect(errorsOf(() => parseQuery("x with 1 as 2"))).toEqual(["unexpected number token: expected ident"]);
    expect(errorsOf(() => parseQuery("x with input 2"))).toEqual([
      "unexpected number token: expected as keyword",
    ]);
  });

  it("reads keywords followed by . or [ as refs", () => {
    expect(query("not.x")).toEqual([termExpr(ref(v("not"), s("x")))]);
    expect(query("x := input.if.not")).toEqual([
      callExpr("assign", v("x"), ref(v("input"), s("if"), s("not"))),
    ]);
  });
});

describe("operators", () => {
  it("maps infix operators to calls", () => {
    const cases: [string, string][] = [
      ["==", "equal"],
      ["!=", "neq"],
      ["<", "lt"],
      ["<=", "lte"],
      [">", "gt"],
      [">=", "gte"],
      ["+", "plus"],
      ["-", "minus"],
      ["*", "mul"],
      ["/", "div"],
      ["%", "rem"],
      ["&", "and"],
      ["|", "or"],
    ];
    for (const [sym, name] of cases) expect(query(`a ${sym} b`)).toEqual([callExpr(name, v("a"), v("b"))]);
    expect(query("a = b")).toEqual([callExpr("eq", v("a"), v("b"))]);
    expect(query("a := b")).toEqual([callExpr("assign", v("a"), v("b"))]);
    expect(query("a in b")).toEqual([callExpr("internal.member_2", v("a"), v("b"))]);
    expect(query("a, b in c")).toEqual([callExpr("internal.member_3", v("a"), v("b"), v("c"))]);
  });

  it("follows OPA's precedence", () => {
    expect(term("1 + 2 * 3")).toEqual(call("plus", s(1), call("mul", s(2), s(3))));
    expect(term("1 - 2 - 3")).toEqual(call("minus", call("minus", s(1), s(2)), s(3)));
    expect(term("a | b & c")).toEqual(call("or", v("a"), call("and", v("b"), v("c"))));
    expect(term("a == b | c")).toEqual(call("equal", v("a"), call("or", v("b"), v("c"))));
    expect(term("a + 1 in b")).toEqual(call("internal.member_2", call("plus", v("a"), s(1)), v("b")));
    expect(term("a == b in c")).toEqual(call("internal.member_2", call("equal", v("a"), v("b")), v("c")));
    expect(term("(1 + 2) * 3")).toEqual(call("mul", call("plus", s(1), s(2)), s(3)));
    expect(query("x = a + b")).toEqual([callExpr("eq", v("x"), call("plus", v("a"), v("b")))]);
  });

  it("reads unary minus on numbers only", () => {
    expect(term("-1")).toEqual(s(-1));
    expect(term("- 1.5")).toEqual(s(-1.5));
    expect(term("1 - -1")).toEqual(call("minus", s(1), s(-1)));
    expect(term("x-1")).toEqual(call("minus", v("x"), s(1)));
    expect(errorsOf(() => parseTerm("-x"))).toEqual(["unexpected ident token: expected number"]);
  });
});

describe("terms", () => {
  it("parses scalars", () => {
    expect(term("null")).toEqual(s(null));
    expect(term("true")).toEqual(s(true));
    expect(term("false")).toEqual(s(false));
    expect(term("1.5e3")).toEqual(s(1500));
    expect(term(".5")).toEqual(s(0.5));
    expect(term("12345678901234567890")).toEqual(s(12345678901234567890n));
    expect(term("2e308")).toEqual(s(2n * 10n ** 308n));
    expect(term('"a\\n\\u00e9\\ud83d\\ude00\\""')).toEqual(s('a\né😀"'));
    expect(term("`raw\\n\nline`")).toEqual(s("raw\\n\nline"));
  });

  it("rejects malformed numbers and strings", () => {
    expect(errorsOf(() => parseTerm("01"))).toEqual([
      "unexpected number token: expected number without leading zero",
    ]);
    expect(errorsOf(() => parseTerm("1e99999"))).toEqual(["number too big"]);
    expect(errorsOf(() => parseTerm("1."))).toEqual(["expected fraction"]);
    expect(errorsOf(() => parseTerm("x = 1."))).toEqual(["expected fraction", "illegal token"]);
    expect(errorsOf(() => parseTerm("x = 0x1"))).toEqual(["illegal number format", "illegal token"]);
    expect(errorsOf(() => parseTerm('x = "abc'))).toEqual(["non-terminated string", "illegal token"]);
    expect(errorsOf(() => parseTerm('x = "\\q"'))).toEqual(["illegal escape sequence", "illegal token"]);
    expect(errorsOf(() => parseTerm('"\\ud800\\u12"'))[0]).toMatch(/^illegal string literal/);
    expect(errorsOf(() => parseTerm("x = @"))).toEqual(["illegal token"]);
    expect(errorsOf(() => parseTerm("x := !"))).toEqual(["illegal ! character", "illegal token"]);
  });

  it("parses collections", () => {
    expect(term("[1, 2,]")).toEqual({ type: "array", items: [s(1), s(2)] });
    expect(term("{}")).toEqual({ type: "object", entries: [] });
    expect(term("set()")).toEqual({ type: "set", items: [] });
    expect(term("{1, 2}")).toEqual({ type: "set", items: [s(1), s(2)] });
    expect(term('{"a": 1, x: [y]}')).toEqual({
      type: "object",
      entries: [
        [s("a"), s(1)],
        [v("x"), { type: "array", items: [v("y")] }],
      ],
    });
    expect(term("{1 + 1}")).toEqual({ type: "set", items: [call("plus", s(1), s(1))] });
    expect(term("{a + 1: b * 2}")).toEqual({
      type: "object",
      entries: [[call("plus", v("a"), s(1)), call("mul", v("b"), s(2))]],
    });
  });

  it("parses comprehensions", () => {
    expect(term("[x | x := 1]")).toEqual({
      type: "arraycomp",
      head: v("x"),
      body: [callExpr("assign", v("x"), s(1))],
    });
    expect(term("{x | x := 1; y}")).toMatchObject({ type: "setcomp", head: v("x") });
    expect(term("{k: v | k := 1; v := 2}")).toMatchObject({ type: "objectcomp", key: v("k"), value: v("v") });
    expect(term("[a | b, c]")).toEqual({ type: "array", items: [call("or", v("a"), v("b")), v("c")] });
    expect(errorsOf(() => parseTerm("[x | ]"))).toEqual(["found empty body"]);
  });

  it("parses refs and calls", () => {
    expect(term('a.b[x]["c"]')).toEqual(ref(v("a"), s("b"), v("x"), s("c")));
    expect(term("input")).toEqual(ref(v("input")));
    expect(term("data.x")).toEqual(ref(v("data"), s("x")));
    expect(term("f(x)")).toEqual(call("f", v("x")));
    expect(term("a.b.f(x, 1)")).toEqual(call("a.b.f", v("x"), s(1)));
    expect(term("[1, 2][0]")).toEqual(ref({ type: "array", items: [s(1), s(2)] }, s(0)));
    expect(term('{"a": 1}.a')).toEqual(ref({ type: "object", entries: [[s("a"), s(1)]] }, s("a")));
    expect(term("f(x)[0].y")).toEqual(ref(call("f", v("x")), s(0), s("y")));
    expect(term("x[_]")).toEqual(ref(v("x"), v("_")));
    expect(errorsOf(() => parseTerm("a. b"))).toEqual(["unexpected whitespace token: expected ident"]);
    expect(errorsOf(() => parseTerm('"s".x'))).toEqual(["illegal ref (head cannot be string)"]);
  });

  it("does not join terms across whitespace", () => {
    expect(query("f (x)")).toEqual([termExpr(v("f")), termExpr(v("x"))]);
    expect(errorsOf(() => parseQuery("[f (x)]"))).toEqual(['unexpected ( token: expected "," or "]"']);
  });

  it("names wildcards uniquely per parse", () => {
    const t = parseTerm("[_, _, x[_]]");
    expect(JSON.stringify(t)).toContain('"$_0"');
    expect(JSON.stringify(t)).toContain('"$_2"');
  });

  it("parses template strings", () => {
    expect(term('$"a {x} b {1 + 2}\\n\\{c}"')).toEqual({
      type: "template",
      parts: ["a ", v("x"), " b ", call("plus", s(1), s(2)), "\n{c}"],
      raw: false,
    });
    expect(term("$`a\n{x}\\{`")).toEqual({ type: "template", parts: ["a\n", v("x"), "{"], raw: true });
    expect(term('$"{$"{a}"}"')).toEqual({
      type: "template",
      parts: [{ type: "template", parts: [v("a")], raw: false }],
      raw: false,
    });
    expect(term('$"{ {1} }"')).toEqual({
      type: "template",
      parts: [{ type: "set", items: [s(1)] }],
      raw: false,
    });
    expect(errorsOf(() => parseTerm('$"{not x}"'))).toEqual([
      "unexpected negation ('not') in template-string expression",
    ]);
    expect(errorsOf(() => parseTerm('$"{x := 1}"'))).toEqual([
      "unexpected assignment (':=') in template-string expression",
    ]);
    expect(errorsOf(() => parseTerm('$"{x"'))[0]).toBe("non-terminated string");
  });
});

describe("locations", () => {
  it("puts rows, columns and byte offsets on nodes", () => {
    const m = parseModule('package a\n\np := "é" if {\n\tx := 1\n}', { file: "f.rego" });
    const r = m.rules[0];
    expect(r?.loc).toEqual({ file: "f.rego", row: 3, col: 1, offset: 11 });
    const e = r?.body[0] as Expr;
    expect(e.loc).toEqual({ file: "f.rego", row: 4, col: 2, offset: 27 });
    const value = r?.head.value as Term;
    expect(value.loc).toMatchObject({ row: 3, col: 6, offset: 16 });
  });

  it("reports errors with a location and a caret frame", () => {
    try {
      parseModule("package a\np := }", { file: "f.rego" });
      expect.unreachable();
    } catch (e: unknown) {
      expect(e).toBeInstanceOf(RegoErrors);
      const err = (e as RegoErrors).errors[0];
      expect(err?.code).toBe("rego_parse_error");
      expect(err?.location).toEqual({ file: "f.rego", row: 2, col: 6, offset: 15 });
      expect(err?.details).toBe("\tp := }\n\t     ^");
      expect(String(err)).toContain("rego_parse_error: unexpected } token");
    }
  });
});

describe("annotations and comments", () => {
  it("attaches METADATA blocks", () => {
    const m = parseModule(
      [
        "# METADATA",
        "# title: pkg",
        "package a",
        "",
        "# a comment",
        "# METADATA",
        "# title: rule",
        "# authors:",
        "# - someone",
        "p := 1",
        "",
        "# METADATA",
        "# scope: document",
        "# description: doc",
        "p := 2",
      ].join("\n"),
    );
    expect(m.annotations.map((a) => [a.scope, a.data])).toEqual([["package", { title: "pkg" }]]);
    expect(m.rules[0]?.annotations.map((a) => a.scope)).toEqual(["rule", "document"]);
    expect(m.rules[1]?.annotations.map((a) => a.scope)).toEqual(["document"]);
    expect(m.comments).toHaveLength(10);
    expect(m.comments[2]).toMatchObject({ text: " a comment", loc: { row: 5, col: 1 } });
  });

  it("rejects misplaced or malformed blocks", () => {
    expect(modErrors("# METADATA\n# scope: package\np := 1")).toEqual([
      "annotation scope 'package' must be applied to package (have rule)",
    ]);
    expect(modErrors("# METADATA\np := 1")).toEqual(["expected METADATA block, found whitespace"]);
    expect(modErrors("# METADATA\n# title: x\nimport data.x")[0]).toContain(
      "invalid annotation scope 'import'",
    );
    expect(modErrors("# METADATA\n# title: [x\np := 1")[0]).toMatch(/^yaml: /);
  });
});

describe("robustness", () => {
  it("caps nesting depth", () => {
    for (const open of ["[", "{", "(", "f("]) {
      const deep = `x := ${open.repeat(5000)}`;
      expect(errorsOf(() => parseQuery(deep))).toContain("max parsing recursion depth exceeded");
    }
    expect(errorsOf(() => parseQuery(`x := a${".b()".repeat(3000)}`))).toContain(
      "max parsing recursion depth exceeded",
    );
  });

  it("parses moderately deep terms", () => {
    expect(() => parseTerm(`${"[".repeat(200)}${"]".repeat(200)}`)).not.toThrow();
  });
});
