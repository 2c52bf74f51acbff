import { describe, expect, it } from "vitest";
import { describeResult, evalWith } from "./test-compare.js";

const run = (expr: string): string => describeResult(evalWith("closures", expr, { object: { a: 1 } }));

describe("literals", () => {
  it("build lists in order; the first error wins", () => {
    expect(run("[1, 'a', [object.a]]")).toBe('[1, "a", [1]]');
    expect(run("[object.x, object.y]")).toBe("error(no such key: x)");
    expect(run("[]")).toBe("[]");
  });

  it("build maps, normalizing integral double keys and rejecting conflicts and bad keys", () => {
    expect(run("{'a': object.a, 2: true}")).toBe('{"a": 1, 2: true}');
    expect(run("{1.0: 'x'}[1]")).toBe('"x"');
    expect(run("{'a': 1, 'a': 2}")).toBe("error(map key conflict: a)");
    expect(run("{1.5: 'x'}")).toBe("error(unsupported key type)");
    expect(run("{'a': object.x}")).toBe("error(no such key: x)");
    expect(run("{}")).toBe("{}");
  });

  it("keep constants' CEL types", () => {
    expect(run("[1u, 1.0, b'a', null, true]")).toBe('[1u, 1.0, b"61", null, true]');
  });
});
