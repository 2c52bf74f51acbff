import { describe, expect, it } from "vitest";
import { Policy } from "./rego.js";
import { RegoSet, type Value } from "./value/value.js";

function policyOf(text: string): Policy {
  return new Policy({ modules: [{ file: "t.rego", text }] });
}

describe("Policy.prepareDocument", () => {
  it("evaluates a rule document as the query reading it binds it", () => {
    const policy = policyOf(
      'package t\nviolation contains msg if {\n  some x in input.xs\n  x > 1\n  msg := sprintf("%v", [x])\n}',
    );
    const doc = policy.prepareDocument(["t", "violation"]);
    const query = policy.prepare("v := data.t.violation");
    const inputs: Value[] = [{ xs: [1, 2, 3] }, { xs: [] }, {}];
    for (const input of inputs) {
      const expected = query.eval({ input })[0]?.bindings.v;
      expect(doc?.eval({ input })).toEqual(expected);
    }
    expect(doc?.eval({ input: { xs: [3, 1, 2] } })).toEqual(new RegoSet(["2", "3"]));
  });

  it("gives undefined where the rules define no value", () => {
    const doc = policyOf("package t\np := input.x").prepareDocument(["t", "p"]);
    expect(doc?.eval({ input: {} })).toBeUndefined();
    expect(doc?.eval({ input: { x: 0 } })).toBe(0);
  });

  it("is undefined for paths no rule defines exactly", () => {
    const policy = policyOf('package t\nv.x contains "m" if true\nobj := {"a": 1}');
    expect(policy.prepareDocument(["t", "v"])).toBeUndefined();
    expect(policy.prepareDocument(["t", "obj", "a"])).toBeUndefined();
    expect(policy.prepareDocument(["t", "missing"])).toBeUndefined();
    expect(policy.prepareDocument(["t", "v", "x"])).toBeDefined();
  });

  it("raises evaluation errors as queries do", () => {
    const doc = policyOf("package t\np := 1 / input.d").prepareDocument(["t", "p"]);
    expect(() => doc?.eval({ input: { d: 0 }, strictBuiltinErrors: true })).toThrow(/divide by zero/);
  });
});
