import { parse } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { type Expr, maxId, type Node } from "./ast.js";
import { recognizeMacro } from "./compile-comprehension.js";
import { rewriteMacros } from "./macros.js";
import { describeResult, evalWith } from "./test-compare.js";

function firstComprehension(e: Expr): Node<"comprehensionExpr"> | undefined {
  const k = e.exprKind;
  if (k.case === "comprehensionExpr") return k.value;
  if (k.case === "callExpr")
    for (const x of [k.value.target, ...k.value.args]) {
      const c = x === undefined ? undefined : firstComprehension(x);
      if (c !== undefined) return c;
    }
  return undefined;
}

function kindOf(source: string): string | undefined {
  const p = parse(source);
  rewriteMacros(p.expr, p.sourceInfo?.positions ?? {}, maxId(p.expr));
  const c = firstComprehension(p.expr);
  if (c === undefined) throw new Error("no comprehension");
  const m = recognizeMacro(c);
  return m === undefined
    ? undefined
    : `${m.kind}${m.kind === "map" && m.predicate !== undefined ? "+filter" : ""}`;
}

const run = (expr: string, object: unknown = {}): string =>
  describeResult(evalWith("closures", expr, { object }));

describe("comprehensions", () => {
  it("recognizes the macros' expansions", () => {
    expect(kindOf("[1].all(x, x > 0)")).toBe("all");
    expect(kindOf("[1].exists(x, x > 0)")).toBe("exists");
    expect(kindOf("[1].exists_one(x, x > 0)")).toBe("existsOne");
    expect(kindOf("[1].map(x, x + 1)")).toBe("map");
    expect(kindOf("[1].map(x, x > 0, x)")).toBe("map+filter");
    expect(kindOf("[1].filter(x, x > 0)")).toBe("map+filter");
    expect(kindOf("[1].all(i, x, x > 0)")).toBe("all");
    expect(kindOf("[1].transformList(i, x, x)")).toBe("map");
    expect(kindOf("{'a': 1}.transformMap(k, v, v)")).toBe(undefined);
  });

  it("absorbs errors in all() and exists() when an element decides", () => {
    const o = { xs: [{ a: 1 }, {}] };
    expect(run("object.xs.all(x, x.a == 2)", o)).toBe("false");
    expect(run("object.xs.all(x, x.a == 1)", o)).toBe("error(no such key: a)");
    expect(run("object.xs.exists(x, x.a == 1)", o)).toBe("true");
    expect(run("object.xs.exists(x, x.a == 2)", o)).toBe("error(no such key: a)");
  });

  it("keeps the first error of map() and the last error of filter()'s predicate", () => {
    const o = { xs: [{ a: 1 }, { b: 1 }, { c: 1 }] };
    expect(run("object.xs.map(x, x.b)", o)).toBe("error(no such key: b)");
    expect(run("object.xs.filter(x, x.c == 1)", o)).toBe("error(no such key: c)");
    expect(run("object.xs.map(x, has(x.a), x.b)", o)).toBe("error(no such key: b)");
    expect(run("object.xs.exists_one(x, x.b == 1)", o)).toBe("error(no such key: b)");
  });

  it("iterates map keys and rejects other ranges", () => {
    expect(run("{'a': 1, 'b': 2}.map(k, k)")).toBe('["a", "b"]');
    expect(run("1.all(x, true)")).toBe("error(type mismatch: iterable vs int)");
    expect(run("[[1, 2], [3]].map(l, l.filter(x, x > 1))")).toBe("[[2], [3]]");
  });

  it("binds two-variable comprehension variables", () => {
    expect(run("['a', 'b'].all(i, v, i == 0 ? v == 'a' : v == 'b')")).toBe("true");
    expect(run("{'k': 'v'}.exists(k, v, k + v == 'kv')")).toBe("true");
  });
});
