import { describe, expect, it } from "vitest";
import { RegoErrors, RegoEvalError } from "../errors.js";
import { Policy } from "../rego.js";
import { toJson } from "../value/json.js";
import type { Value } from "../value/value.js";

function evalQuery(
  text: string,
  query: string,
  input?: Value,
  extra: Record<string, unknown> = {},
): unknown[] {
  const policy = new Policy({ modules: [{ file: "t.rego", text }] });
  return policy
    .prepare(query)
    .eval({ ...(input !== undefined ? { input } : {}), ...extra })
    .map((r) => toJson(r.bindings));
}

describe("evaluation", () => {
  it("keeps undefined apart from false", () => {
    const rows = evalQuery(
      `package t
f := false
p if not input.missing
q if not f
r if f == false`,
      "x := data.t",
      {},
    );
    expect(rows).toEqual([{ x: { f: false, p: true, q: true, r: true } }]);
  });

  it("raises eval_conflict_error for complete rules with two values", () => {
    expect(() => evalQuery("package t\np := x if some x in [1, 2]", "x := data.t.p")).toThrow(RegoEvalError);
  });

  it("runs a function body that turns out to iterate through the search: one value, else, or a conflict", () => {
    const text = `package t
first(x) := y if { y := x[_] } else := "empty"
plain(x) := x.a`;
    const policy = new Policy({ modules: [{ file: "t.rego", text }] });
    const q = policy.prepare("a := data.t.first(input.xs); b := data.t.plain(input)");
    expect(toJson(q.eval({ input: { xs: [1, 1], a: 2 } })[0]?.bindings ?? null)).toEqual({ a: 1, b: 2 });
    expect(toJson(q.eval({ input: { xs: [], a: 3 } })[0]?.bindings ?? null)).toEqual({ a: "empty", b: 3 });
    expect(() => q.eval({ input: { xs: [1, 2], a: 4 } })).toThrow(
      /functions must not produce multiple outputs/,
    );
  });

  it("cancels at a deadline with eval_cancel_error", () => {
    const text = `package t
p := count([x | some i in numbers.range(1, 3000); some j in numbers.range(1, 3000); x := i * j])`;
    const run = () => evalQuery(text, "x := data.t.p", undefined, { deadline: Date.now() + 50 });
    expect(run).toThrow(/caller cancelled query execution/);
    try {
      run();
    } catch (e: unknown) {
      expect(e instanceof RegoEvalError && e.code).toBe("eval_cancel_error");
    }
  });

  it("cancels when the signal is aborted", () => {
    const signal = { aborted: true };
    const text = `package t
p := count([x | some x in input])`;
    const input = Array.from({ length: 100_000 }, (_, i) => i);
    expect(() => evalQuery(text, "x := data.t.p", input, { signal })).toThrow(
      "caller cancelled query execution",
    );
    // numbers.range looks at the signal itself while it builds the range, as OPA's does.
    const range = `package t
p := count([x | some x in numbers.range(1, 1000000)])`;
    expect(() => evalQuery(range, "x := data.t.p", undefined, { signal })).toThrow(
      "numbers.range: timed out before generating all numbers in range",
    );
  });

  it("writes print output, with <undefined> for undefined arguments", () => {
    const lines: string[] = [];
    evalQuery(
      `package t\np if { print("v:", input.a, input.missing) }`,
      "data.t.p",
      { a: [1, "x"] },
      {
        print: (m: string) => lines.push(m),
      },
    );
    expect(lines).toEqual(['v: [1, "x"] <undefined>']);
  });

  it("stops at the first solution of rules and functions with a constant value (early exit)", () => {
    const lines: string[] = [];
    const rows = evalQuery(
      `package t
p if { x := input.xs[_]; print("p", x) }
f(n) := "big" if { x := input.xs[_]; x > n; print("f", x) }
q := v if { x := input.xs[_]; v := x * 0; print("q", x) }
r := f(0)`,
      "a := data.t.p; b := data.t.q; c := data.t.r",
      { xs: [1, 2, 3] },
      { print: (m: string) => lines.push(m) },
    );
    expect(rows).toEqual([{ a: true, b: 0, c: "big" }]);
    // q's value is computed, not constant: every solution is checked for a conflict.
    expect(lines).toEqual(["p 1", "q 1", "q 2", "q 3", "f 1"]);
  });

  it("pre-unifies a partial set's head with a pattern key before running its rules", () => {
    const lines: string[] = [];
    const rows = evalQuery(
      `package t
gv contains {"msg": m, "field": f} if { some f; x := input.spec[f][_]; print("gv", f); m := sprintf("%v:%v", [f, x]) }
gv contains {"msg": m, "field": "extra"} if { m := "extra" }
v contains m if gv[{"msg": m, "field": "containers"}]
w := [m | gv[{"msg": m, "field": "containers"}]]
all := gv`,
      "a := data.t.v; b := data.t.w",
      { spec: { containers: ["c1", "c2"], volumes: ["v1"] } },
      { print: (m: string) => lines.push(m) },
    );
    expect(rows).toEqual([{ a: ["containers:c1", "containers:c2"], b: ["containers:c1", "containers:c2"] }]);
    // Only the containers were searched; the volumes never bound `f`.
    expect(lines).toEqual(["gv containers", "gv containers", "gv containers", "gv containers"]);
    // A full reference still sees every member.
    const full = evalQuery(
      `package t
gv contains {"msg": m, "field": f} if { some f; x := input.spec[f][_]; m := sprintf("%v:%v", [f, x]) }`,
      "a := count(data.t.gv)",
      { spec: { containers: ["c1", "c2"], volumes: ["v1"] } },
    );
    expect(full).toEqual([{ a: 3 }]);
  });

  it("prints once per argument list in a function, however many calls (OPA memoizes functions)", () => {
    const lines: string[] = [];
    const rows = evalQuery(
      `package t
f(x) := x if print("f", x)
p := count([y | some _ in [1, 2]; some i in numbers.range(1, 600); y := f(i)])`,
      "a := data.t.p",
      {},
      { print: (m: string) => lines.push(m) },
    );
    expect(rows).toEqual([{ a: 1200 }]);
    expect(lines.length).toBe(600);
  });

  it("replaces functions and builtins with `with`", () => {
    const rows = evalQuery(
      `package t
f(x) := x + 1
g(x) := x * 10
p := [f(1), y] if { y := f(1) with f as g }
q := n if { n := count([1, 2]) with count as 99 }`,
      "x := [data.t.p, data.t.q]",
    );
    expect(rows).toEqual([{ x: [[2, 10], 99] }]);
  });

  it("reports builtin errors as undefined unless strict", () => {
    expect(evalQuery("package t\np := 1 / 0", "x := data.t.p")).toEqual([]);
    expect(() =>
      new Policy({ modules: [{ file: "t.rego", text: "package t\np := 1 / 0" }] })
        .prepare("x := data.t.p")
        .eval({ strictBuiltinErrors: true }),
    ).toThrow(/div: divide by zero/);
  });

  it("cancels numbers.range past the deadline, as OPA does", () => {
    const policy = new Policy({
      modules: [{ file: "t.rego", text: "package t\nn := count(numbers.range(1, 1e8))" }],
    });
    const run = (): unknown => policy.prepare("x := data.t.n").eval({ deadline: Date.now() - 1 });
    expect(run).toThrow(RegoEvalError);
    expect(run).toThrow("numbers.range: timed out before generating all numbers in range");
  });

  it("reports a builtin that runs out of stack as an error even when not strict", () => {
    let deep: Value = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const run = (): unknown => evalQuery("package t\np := json.marshal(input)", "x := data.t.p", deep);
    expect(run).toThrow(RegoEvalError);
    expect(run).toThrow(/json\.marshal: Maximum call stack size exceeded \(a value nested too deep\)/);
  });

  it("evaluates the negated call's reference arguments outside the negation", () => {
    const text = `package t
f(a) if a == 1
p if not f(input.missing)
q if not input.missing == 1`;
    expect(evalQuery(text, "x := data.t", {})).toEqual([{ x: { q: true } }]);
  });
});

describe("compile errors", () => {
  it("reports unsafe variables with their location", () => {
    try {
      evalQuery("package t\np if { x > 1 }", "data.t.p");
      expect.unreachable();
    } catch (e: unknown) {
      expect(e).toBeInstanceOf(RegoErrors);
      const err = (e as RegoErrors).errors[0];
      expect(err?.code).toBe("rego_unsafe_var_error");
      expect(err?.location).toMatchObject({ file: "t.rego", row: 2, col: 8 });
    }
  });
});
