import { celUint } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { CelCompileError } from "./errors.js";
import { evalError, evalJson, evalRaw } from "./test-helpers.js";

describe("CEL language", () => {
  it("evaluates literals and arithmetic with CEL types", () => {
    expect(evalRaw("1 + 2")).toBe(3n);
    expect(evalRaw("7 / 2")).toBe(3n);
    expect(evalRaw("-7 % 3")).toBe(-1n);
    expect(evalRaw("1.5 * 2.0")).toBe(3);
    expect(evalRaw("3u + 4u")).toEqual(celUint(7n));
    expect(evalRaw("0x10")).toBe(16n);
    expect(evalRaw("-9223372036854775808")).toBe(-(2n ** 63n));
    expect(evalRaw('"a" + "b"')).toBe("ab");
    expect(evalJson("[1, 2] + [3]")).toEqual([1, 2, 3]);
    expect(evalRaw('"\\u00e9\\x41\\n" == "éA\\n"')).toBe(true);
    expect(evalRaw("r'\\d' == '\\\\d'")).toBe(true);
    expect(evalRaw("'''a\nb''' == 'a\\nb'")).toBe(true);
    expect(evalRaw('b"ab" + b"c" == b"abc"')).toBe(true);
  });

  it("reports runtime errors", () => {
    expect(evalError("1 / 0")).toBe("division by zero");
    expect(evalError("1 % 0")).toBe("modulus by zero");
    expect(evalError("9223372036854775807 + 1")).toBe("integer overflow");
    expect(evalError("1 + 1.0")).toMatch(/no such overload/);
    expect(evalError("object.missing", { object: {} })).toBe("no such key: missing");
    expect(evalError("[1][3]")).toMatch(/index out of bounds/);
  });

  it("compares across numeric types and uses heterogeneous equality", () => {
    expect(evalRaw("1 == 1.0")).toBe(true);
    expect(evalRaw("1 < 1.5")).toBe(true);
    expect(evalRaw("2u > 1")).toBe(true);
    expect(evalRaw('1 == "1"')).toBe(false);
    expect(evalRaw("[1, 'a'] == [1, 'a']")).toBe(true);
    expect(evalRaw("{'a': 1} == {'a': 1.0}")).toBe(true);
    expect(evalRaw("null == null")).toBe(true);
    expect(evalError('1 < "a"')).toMatch(/no such overload/);
  });

  it("treats integral JSON numbers as ints and others as doubles", () => {
    expect(evalRaw("object.a", { object: { a: 3 } })).toBe(3n);
    expect(evalRaw("object.b", { object: { b: 0.5 } })).toBe(0.5);
    expect(evalRaw("type(object.a) == int", { object: { a: 3 } })).toBe(true);
  });

  it("absorbs errors in && and || when the other side decides", () => {
    expect(evalRaw("object.x == 1 || true", { object: {} })).toBe(true);
    expect(evalRaw("false && object.x == 1", { object: {} })).toBe(false);
    expect(evalRaw("object.x == 1 && false", { object: {} })).toBe(false);
    expect(evalError("object.x == 1 && true", { object: {} })).toBe("no such key: x");
    expect(evalError("true ? object.x : 1", { object: {} })).toBe("no such key: x");
  });

  it("supports has() and the standard macros", () => {
    const object = { spec: { containers: [{ name: "a", image: "x:1" }, { name: "b" }] } };
    expect(evalRaw("has(object.spec.containers)", { object })).toBe(true);
    expect(evalRaw("has(object.spec.volumes)", { object })).toBe(false);
    expect(evalRaw("object.spec.containers.all(c, has(c.name))", { object })).toBe(true);
    expect(evalRaw("object.spec.containers.exists(c, c.image == 'x:1')", { object })).toBe(true);
    expect(evalRaw("object.spec.containers.exists_one(c, has(c.image))", { object })).toBe(true);
    expect(evalJson("object.spec.containers.map(c, c.name)", { object })).toEqual(["a", "b"]);
    expect(evalJson("object.spec.containers.filter(c, !has(c.image)).map(c, c.name)", { object })).toEqual([
      "b",
    ]);
    expect(evalJson("[1, 2, 3].map(x, x > 1, x * 10)")).toEqual([20, 30]);
    expect(evalJson("{'a': 1, 'b': 2}.filter(k, k == 'b')")).toEqual(["b"]);
    // Errors in all()/exists() lose to a decisive element.
    expect(evalRaw("object.spec.containers.exists(c, c.image == 'x:1')", { object })).toBe(true);
    expect(evalRaw("object.spec.containers.all(c, c.image == 'nope')", { object })).toBe(false);
    expect(evalError("object.spec.containers.all(c, c.image == 'x:1')", { object })).toBe(
      "no such key: image",
    );
  });

  it("supports two-variable comprehensions", () => {
    expect(evalRaw("[10, 20].all(i, v, v == (i + 1) * 10)")).toBe(true);
    expect(evalRaw("{'a': 1}.exists(k, v, k == 'a' && v == 1)")).toBe(true);
    expect(evalJson("[1, 2].transformList(i, v, v + i)")).toEqual([1, 3]);
    expect(evalJson("{'a': 1}.transformMap(k, v, v * 2)")).toEqual({ a: 2 });
  });

  it("rejects optional syntax, which @bufbuild/cel's parser does not support", () => {
    expect(() => evalRaw("object.?metadata", { object: {} })).toThrow(CelCompileError);
    expect(() => evalRaw("optional.of(1)")).toThrow(/undeclared reference/);
  });

  it("converts types with cel-go's formatting", () => {
    expect(evalRaw("string(1.5)")).toBe("1.5");
    // @bufbuild/cel formats doubles as ECMAScript does (cel-go prints 1e+06).
    expect(evalRaw("string(1000000.0)")).toBe("1000000");
    expect(evalRaw("string(true)")).toBe("true");
    expect(evalRaw("int('42')")).toBe(42n);
    expect(evalRaw("int(2.9)")).toBe(2n);
    expect(evalRaw("double(2)")).toBe(2);
    expect(evalRaw("uint(3)")).toEqual(celUint(3n));
    expect(evalRaw("bool('true')")).toBe(true);
    expect(evalRaw("type(1) == int && type('a') == string && type([]) == list")).toBe(true);
    expect(evalRaw("dyn(1) == 1")).toBe(true);
    expect(evalError("string({'a': 1})")).toMatch(/no such overload/);
  });

  it("supports durations and timestamps", () => {
    expect(evalRaw("duration('1h30m') == duration('90m')")).toBe(true);
    // @bufbuild/cel prints durations in protobuf JSON form (cel-go prints 1.5s).
    expect(evalRaw("string(duration('1.5s'))")).toBe("1.500s");
    expect(evalRaw("timestamp('2024-01-02T03:04:05Z').getFullYear()")).toBe(2024n);
    expect(
      evalRaw("timestamp('2024-01-02T03:04:05Z') + duration('1h') > timestamp('2024-01-02T03:04:05Z')"),
    ).toBe(true);
    expect(evalRaw("string(timestamp('2024-01-02T03:04:05.5+01:00'))")).toBe("2024-01-02T02:04:05.500Z");
  });

  it("rejects bad syntax and undeclared names at compile time", () => {
    expect(() => evalRaw("1 +")).toThrow(CelCompileError);
    expect(() => evalRaw("a.b")).toThrow(/undeclared reference to 'a'/);
    expect(() => evalRaw("nosuchfn(1)")).toThrow(/undeclared reference to 'nosuchfn'/);
    expect(() => evalRaw("'a'.nosuchmethod()")).toThrow(/undeclared reference/);
    expect(() => evalRaw("'unterminated")).toThrow(CelCompileError);
    expect(() => evalRaw("x = 1")).toThrow(CelCompileError);
    expect(() => evalRaw("while")).toThrow(/reserved identifier/);
    try {
      evalRaw("1 +\n  )");
      throw new Error("compiled");
    } catch (e: unknown) {
      expect(e).toBeInstanceOf(CelCompileError);
      if (e instanceof CelCompileError) expect([e.row, e.col]).toEqual([1, 3]);
    }
  });
});
