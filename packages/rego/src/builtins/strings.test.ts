import { describe, expect, it } from "vitest";
import { RegoSet, type Value } from "../value/value.js";
import { BuiltinError, BuiltinHaltError, OperandTypeError } from "./errors.js";
import { stringsBuiltins } from "./strings.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]): Value | undefined =>
  callBuiltin(stringsBuiltins, name, ...args);

describe("strings builtins", () => {
  it("concat joins arrays and sets", () => {
    expect(call("concat", "/", ["", "foo", "bar", "0", "baz"])).toBe("/foo/bar/0/baz");
    expect(call("concat", ",", new RegoSet(["b", "a"]))).toBe("a,b");
    expect(call("concat", ",", [])).toBe("");
    expect(() => call("concat", ",", ["a", 1])).toThrow(
      "operand 2 must be array of strings but got array containing number",
    );
    expect(() => call("concat", ",", "a")).toThrow("operand 2 must be one of {set, array} but got string");
  });

  it("indexof and indexof_n count code points", () => {
    expect(call("indexof", "abcabcabcdefgh", "cde")).toBe(8);
    expect(call("indexof", "μx", "x")).toBe(1);
    expect(call("indexof", "🍧🍨🧁🍰🍮", "🍮")).toBe(4);
    expect(call("indexof", "μ", "μμ")).toBe(-1);
    expect(call("indexof_n", "😇😀😇😀😇😀", "😀")).toEqual([1, 3, 5]);
    expect(call("indexof_n", "aaa", "aa")).toEqual([0, 1]);
    expect(() => call("indexof", "a", "")).toThrow(BuiltinError);
  });

  it("substring follows OPA's rune rules", () => {
    expect(call("substring", "abcdefgh", 2, 3)).toBe("cde");
    expect(call("substring", "åäö", 0, 2)).toBe("åä");
    expect(call("substring", "aåäö", 2, -1)).toBe("äö");
    expect(call("substring", "abcdefghåäö", 2, 10000)).toBe("cdefghåäö");
    expect(call("substring", "åäö", 4, -1)).toBe("");
    expect(call("substring", "😀😀x", 1, 1)).toBe("😀");
    expect(() => call("substring", "aaa", -1, -1)).toThrow("negative offset");
    expect(() => call("substring", "aaa", 1.5, 1)).toThrow(
      "operand 2 must be integer number but got floating-point number",
    );
  });

  it("case mapping is per rune", () => {
    expect(call("lower", "AbCdEf")).toBe("abcdef");
    expect(call("upper", "straße")).toBe("STRAßE");
    expect(call("lower", "İ")).toBe("i");
    expect(call("upper", "ǆ")).toBe("Ǆ");
  });

  it("split, split_n, replace, replace_n", () => {
    expect(call("split", "", ".")).toEqual([""]);
    expect(call("split", "test", "")).toEqual(["t", "e", "s", "t"]);
    expect(call("split", "", "")).toEqual([]);
    expect(call("split", "a😀b", "")).toEqual(["a", "😀", "b"]);
    expect(call("strings.split_n", "a.b.c.d", ".", 2)).toEqual(["a", "b"]);
    expect(call("strings.split_n", "a.b.c.d", ".", -2)).toEqual(["c", "d"]);
    expect(call("strings.split_n", "a.b.c.d", ".", 0)).toEqual([]);
    expect(call("strings.split_n", "abc", "", -2)).toEqual(["b", "c"]);
    expect(call("replace", "foo...bar", "..", ",,")).toBe("foo,,.bar");
    expect(call("replace", "abc", "", "-")).toBe("-a-b-c-");
    expect(call("strings.replace_n", { f: "x", foo: "xxx" }, "foobar")).toBe("xoobar");
    expect(call("strings.replace_n", { "<": "&lt;", ">": "&gt;" }, "<b>")).toBe("&lt;b&gt;");
    expect(() => call("strings.replace_n", { f: 1 }, "foo")).toThrow(
      "operand 1 non-string value found in pattern object",
    );
  });

  it("trims with Go's cutsets and white space", () => {
    expect(call("trim", "...foo.bar...", ".fr")).toBe("oo.ba");
    expect(call("trim_left", "xxyfoo", "xy")).toBe("foo");
    expect(call("trim_right", "fooyxx", "xy")).toBe("foo");
    expect(call("trim_prefix", "foobar", "foo")).toBe("bar");
    expect(call("trim_suffix", "foobar", "bar")).toBe("foo");
    expect(call("trim_space", "\u00a0\t foo \u0085\u3000")).toBe("foo");
    expect(call("trim_space", "\ufefffoo")).toBe("\ufefffoo");
    expect(call("trim", "😀a😀", "😀")).toBe("a");
  });

  it("counts, reverses, prefixes and suffixes", () => {
    expect(call("strings.count", "cheese", "e")).toBe(3);
    expect(call("strings.count", "dummy", "")).toBe(6);
    expect(call("strings.count", "11111", "11")).toBe(2);
    expect(call("strings.reverse", "1😀𝛾")).toBe("𝛾😀1");
    expect(call("strings.any_prefix_match", ["a/b/c", "e/f"], ["x", "e/"])).toBe(true);
    expect(call("strings.any_suffix_match", "a/b/c", new RegoSet(["/c"]))).toBe(true);
    expect(call("strings.any_prefix_match", [], [])).toBe(false);
    expect(() => call("strings.any_prefix_match", [1], "a")).toThrow(
      "operand 1 must be array of strings but got array containing number",
    );
    expect(() => call("strings.any_suffix_match", "a", 1)).toThrow(
      "operand 2 must be one of {string, set, array} but got number",
    );
  });

  it("format_int truncates and formats exactly", () => {
    expect(call("format_int", 15.5, 16)).toBe("f");
    expect(call("format_int", -15.9, 16)).toBe("-f");
    expect(call("format_int", 18446744073709551617n, 2)).toBe(`1${"0".repeat(63)}1`);
    expect(() => call("format_int", 4.1, 199)).toThrow("operand 2 must be one of {2, 8, 10, 16}");
  });

  it("sprintf converts values as OPA does", () => {
    expect(call("sprintf", "hi %v %s %d", [["there", 5, 3.14], true, 7])).toBe(
      'hi ["there", 5, 3.14] true 7',
    );
    expect(() => call("sprintf", "%s", "x")).toThrow(OperandTypeError);
  });

  it("render_template renders a text/template subset", () => {
    expect(call("strings.render_template", "{{.test}}", { test: "hello world" })).toBe("hello world");
    expect(call("strings.render_template", "{{.test}}", { test: 2023 })).toBe("2023");
    expect(
      call(
        "strings.render_template",
        "{{range $i, $name := .hellonames}}{{if $i}},{{end}}hello {{$name}}{{end}}",
        {
          hellonames: ["rohan", "john doe"],
        },
      ),
    ).toBe("hello rohan,hello john doe");
    expect(call("strings.render_template", "test {{.foo}} {{.bar}} {{.baz}}", { baz: 1 })).toBe(
      "test <undefined> <undefined> 1",
    );
    expect(
      call(
        "strings.render_template",
        "{{- if eq .a 1 }} one {{- else if eq .a 2 }} two {{- else }} many {{- end }}",
        { a: 2 },
      ),
    ).toBe(" two");
    expect(
      call("strings.render_template", "{{ .m }} {{ .l }} {{ len .l }}", {
        m: { b: 1, a: [true] },
        l: [1, "x"],
      }),
    ).toBe("map[a:[true] b:1] [1 x] 2");
    expect(
      call("strings.render_template", '{{with .x}}{{.}}{{else}}none{{end}} {{printf "%05d" 42}}', { x: "" }),
    ).toBe("none 00042");
    expect(() => call("strings.render_template", "{{ .a", {})).toThrow(BuiltinError);
  });

  it("internal.template_string joins parts", () => {
    expect(call("internal.template_string", ["a", new RegoSet(), " ", new RegoSet([[1, "b"]])])).toBe(
      'a<undefined> [1, "b"]',
    );
    expect(() => call("internal.template_string", [new RegoSet([1, 2])])).toThrow(BuiltinHaltError);
  });
});
