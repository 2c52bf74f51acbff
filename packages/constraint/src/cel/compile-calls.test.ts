import { describe, expect, it } from "vitest";
import { describeResult, evalWith } from "./test-compare.js";

const run = (expr: string, object: unknown = {}): string =>
  describeResult(evalWith("closures", expr, { object }));

describe("calls", () => {
  it("evaluate the receiver, then the arguments; the first error wins", () => {
    expect(run("object.x.replace(object.y, 'a')")).toBe("error(no such key: x)");
    expect(run("'abc'.replace(object.y, 'a')")).toBe("error(no such key: y)");
    expect(run("'a-b'.replace('-', object.z)")).toBe("error(no such key: z)");
  });

  it("resolve namespaced functions unless the prefix is a binding", () => {
    expect(run("sets.contains([1, 2], [1])")).toBe("true");
    expect(run("strings.quote('a')")).toBe('"\\"a\\""');
    expect(run("ip.isCanonical('10.0.0.1')")).toBe("true");
  });

  it("index lists and maps through _[_]", () => {
    expect(run("object.l[1]", { l: ["a", "b"] })).toBe('"b"');
    expect(run("object.m['k']", { m: { k: 1 } })).toBe("1");
  });

  it("check the deadline in loop conditions only", () => {
    expect(run("[1, 2, 3].filter(x, x > 1).map(x, x * 2)")).toBe("[4, 6]");
  });
});
