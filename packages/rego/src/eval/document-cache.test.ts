import { describe, expect, it } from "vitest";
import { Policy } from "../rego.js";

describe("document caches of large policies", () => {
  it("evaluate documents of a policy with more rules than are cached up front", () => {
    const rules = Array.from({ length: 3000 }, (_, i) => `r${i} := ${i} + input.x`).join("\n");
    const policy = new Policy({
      modules: [{ file: "t.rego", text: `package t\n${rules}\nsum := r0 + r2999` }],
    });
    expect(policy.compiled.documents).toBeGreaterThan(3000);
    expect(policy.prepareDocument(["t", "sum"])?.eval({ input: { x: 1 } })).toBe(3001);
    expect(policy.prepare("x := data.t.r1500").eval({ input: { x: 2 } })[0]?.bindings.x).toBe(1502);
  });
});
