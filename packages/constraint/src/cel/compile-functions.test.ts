import { describe, expect, it } from "vitest";
import { describeResult, evalWith } from "./test-compare.js";

const run = (expr: string, object: unknown = {}): string =>
  describeResult(evalWith("closures", expr, { object }));

describe("compiled functions", () => {
  it("count code points as size() does", () => {
    expect(run("size(object.s)", { s: "abc" })).toBe("3");
    expect(run("size(object.s)", { s: "\u{1F600}x" })).toBe("2");
    expect(run("size(object.s)", { s: "\ud800x" })).toBe("2");
    expect(run("size(object.s)", { s: "" })).toBe("0");
  });

  it("compare with constants and across types", () => {
    expect(run("object.a == 'x'", { a: "x" })).toBe("true");
    expect(run("object.a == 1", { a: 1.0 })).toBe("true");
    expect(run("object.a != true", { a: "true" })).toBe("true");
    expect(run("object.b == 'x'", {})).toBe("error(no such key: b)");
  });

  it("test membership in constant string lists and maps", () => {
    expect(run("object.a in ['x', 'y']", { a: "y" })).toBe("true");
    expect(run("object.a in ['x', 'y']", { a: 1 })).toBe("false");
    expect(run("'a' in object", { a: 1 })).toBe("true");
    expect(run("1 in object", { a: 1 })).toBe("false");
    expect(run("null in object", { a: 1 })).toBe("error(no such overload: @in(null_type, map))");
  });

  it("run string tests and regexes, compiling constant patterns once", () => {
    expect(run("object.a.startsWith('ng')", { a: "nginx" })).toBe("true");
    expect(run("object.a.endsWith(object.b)", { a: "nginx", b: "x" })).toBe("true");
    expect(run("object.a.contains(1)", { a: "nginx" })).toBe(
      "error(no such overload: 'contains' applied to 'string.(int)')",
    );
    expect(run("object.a.matches('^n.*x$')", { a: "nginx" })).toBe("true");
    expect(run("object.a.matches('[')", { a: "nginx" })).toMatch(/^error\(error parsing regexp/);
    expect(run("matches(object.a, 'g')", { a: "nginx" })).toBe("true");
  });

  it("convert to strings and pass dyn() through", () => {
    expect(run("string(object.a) + string(object.b)", { a: 1, b: 0.5 })).toBe('"10.5"');
    expect(run("string(object)", {})).toBe("error(no such overload: string(map))");
    expect(run("dyn(object.a)", { a: [1] })).toBe("[1]");
    expect(run("size(object.a) + object.a.size()", { a: "héllo" })).toBe("10");
  });
});
