import { describe, expect, it } from "vitest";
import { type FunctionInfo, planQuery, trimTail } from "./query-plan.js";

const builtins: FunctionInfo = {
  arity: (name) => ({ count: 1, equal: 2, plus: 2, "data.p.f": 1 })[name],
  isRelation: (name) => name === "walk",
};

describe("planQuery", () => {
  it("captures a single term without the truthiness check", () => {
    const plan = planQuery("data.x", 1, builtins);
    expect(plan.expressions).toEqual([{ text: "data.x", row: 1, col: 1, capture: "pcq__0" }]);
    expect(plan.rewritten).toBe("pcq__0 = (data.x)");
  });

  it("keeps =, :=, not and some as true-valued, captures calls without output", () => {
    const plan = planQuery("x := 1; y = 2\nnot false; count([x]); 1 == 1; data.p.f(1)", 1, builtins);
    expect(plan.expressions.map((e) => [e.text, e.capture !== undefined])).toEqual([
      ["x := 1", false],
      ["y = 2", false],
      ["not false", false],
      ["count([x])", true],
      ["1 == 1", true],
      ["data.p.f(1)", true],
    ]);
    expect(plan.rewritten.split("\n").slice(-3)).toEqual(["pcq__3", "pcq__4", "pcq__5"]);
  });

  it("adds the check when a single expression iterates", () => {
    expect(planQuery("data.x[_]", 1, builtins).rewritten).toBe("pcq__0 = (data.x[_])\npcq__0");
  });

  it("puts with modifiers after the captured value and avoids names in use", () => {
    const plan = planQuery('data.p.q with input as {"pcq__": 1}', 1, builtins);
    expect(plan.rewritten).toBe('pcq___0 = (data.p.q) with input as {"pcq__": 1}');
  });

  it("does not capture relations", () => {
    expect(planQuery("walk(input)", 1, builtins).expressions[0]?.capture).toBeUndefined();
  });
});

describe("trimTail", () => {
  it("drops separators and trailing comments but not # in strings", () => {
    expect(trimTail("x := 1 ; # note\n  ")).toBe("x := 1");
    expect(trimTail('x := "a#b"\n')).toBe('x := "a#b"');
  });
});
