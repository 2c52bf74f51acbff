import { describe, expect, it } from "vitest";
import { defaultBuiltins } from "../builtins/index.js";
import { decl, p, T } from "../builtins/types.js";
import { Policy } from "../rego.js";
import { RegoSet } from "../value/value.js";
import { setCodegenThreshold } from "./generated-chain.js";

/** A policy whose comprehensions count their members through a deterministic builtin. */
function counting(rules: string): { policy: Policy; calls: () => number } {
  let calls = 0;
  const builtins = defaultBuiltins().register([
    {
      decl: decl("counted", [p("x", T.any)], p("y", T.any)),
      impl: (args) => {
        calls++;
        return args[0] ?? null;
      },
    },
  ]);
  const text = `package t\nn := 1\n${rules}\n`;
  return { policy: new Policy({ modules: [{ file: "t.rego", text }], builtins }), calls: () => calls };
}

const params = { limits: ["cpu", "memory"] };

describe("comprehensions of a stable input value", () => {
  it("are computed once per value, across queries and rules", () => {
    const { policy, calls } = counting(
      "v := count({x | x := counted(input.parameters.limits[_])}) + count(input.review.xs)",
    );
    const q = policy.prepare("v := data.t.v");
    for (const xs of [[1], [1, 2], [1, 2, 3]]) {
      const rows = q.eval({ input: { review: { xs }, parameters: params }, stableInput: "parameters" });
      expect(rows[0]?.bindings.v).toBe(2 + xs.length);
    }
    expect(calls()).toBe(2);
    const other = { limits: ["cpu"] };
    const rows = q.eval({ input: { review: { xs: [] }, parameters: other }, stableInput: "parameters" });
    expect(rows[0]?.bindings.v).toBe(1);
    expect(calls()).toBe(3);
  });

  it("are computed in every query without stableInput", () => {
    const { policy, calls } = counting("v := count({x | x := counted(input.parameters.limits[_])})");
    const q = policy.prepare("v := data.t.v");
    q.eval({ input: { parameters: params } });
    q.eval({ input: { parameters: params } });
    expect(calls()).toBe(4);
  });

  it("are not kept when they read more than the stable value, print, or use an outer variable", () => {
    const rules = [
      "a := count({x | x := counted(input.review.xs[_])})",
      "b := count({x | x := counted(input.parameters.limits[_]); x != data.t.n})",
      "c := count({x | x := counted(input.parameters.limits[_]); print(x)})",
      "d := {y: ys | y := input.review.xs[_]; ys := {z | z := counted(input.parameters.limits[_]); y > 0}}",
      'e := count({x | x := counted(object.get(input, "parameters", {}).limits[_])})',
    ];
    for (const [i, rule] of rules.entries()) {
      const { policy, calls } = counting(rule);
      const name = rule.slice(0, 1);
      const q = policy.prepare(`v := data.t.${name}`);
      const input = { review: { xs: [1, 2] }, parameters: params };
      const first = q.eval({ input, stableInput: "parameters" })[0]?.bindings.v;
      const afterOne = calls();
      const second = q.eval({ input, stableInput: "parameters" })[0]?.bindings.v;
      expect(second, rule).toEqual(first);
      expect(calls(), `${i}: ${rule}`).toBe(2 * afterOne);
    }
  });

  it("see a `with` that replaces the stable value", () => {
    const { policy } = counting(
      'v := count({x | x := counted(input.parameters.limits[_])})\nw := y if { y := v with input.parameters as {"limits": [1, 2, 3]} }',
    );
    const q = policy.prepare("r := [data.t.v, data.t.w, data.t.v]");
    const rows = q.eval({ input: { parameters: params }, stableInput: "parameters" });
    expect(rows[0]?.bindings.r).toEqual([2, 3, 2]);
  });

  it("keep their value in generated code too", () => {
    setCodegenThreshold(0);
    try {
      const { policy, calls } = counting(
        "v contains m if { c := input.review.cs[_]; req := {x | x := counted(input.parameters.limits[_])}; m := count(req) + c }",
      );
      const q = policy.prepare("v := data.t.v");
      const input = { review: { cs: [10, 20, 30] }, parameters: params };
      for (let i = 0; i < 3; i++) {
        const rows = q.eval({ input, stableInput: "parameters" });
        const v = rows[0]?.bindings.v;
        expect(v instanceof RegoSet ? [...v] : v).toEqual([12, 22, 32]);
      }
      expect(calls()).toBe(2);
    } finally {
      setCodegenThreshold(16);
    }
  });
});
