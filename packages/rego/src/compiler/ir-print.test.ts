import { describe, expect, it } from "vitest";
import { Policy } from "../rego.js";
import { printIrBody, rulePath } from "./ir-print.js";

/** The compiled body of `data.t.p` printed back. */
function printed(body: string): string {
  const policy = new Policy({ modules: [{ file: "t.rego", text: `package t\np if {\n${body}\n}` }] });
  const rule = policy.compiled.root.children.get("t")?.children.get("p")?.rules[0];
  if (rule === undefined) throw new Error("no rule p");
  expect(rulePath(rule)).toBe("data.t.p");
  return printIrBody(rule.body);
}

describe("printIrBody", () => {
  it("prints operators infix, refs with dots where names allow, and := as =", () => {
    expect(printed('x := input.a["b-c"][0]\ncount(x) > 1')).toBe('x = input.a["b-c"][0]; count(x) > 1');
  });

  it("prints not, with, some … in and every", () => {
    expect(
      printed(
        'not input.bad with input.bad as false\nsome k, v in input.m\nevery y in input.ys { y != "z" }',
      ),
    ).toBe('not input.bad with input.bad as false; some k, v in input.m; every y in input.ys { y != "z" }');
  });

  it("prints comprehensions, collections and calls", () => {
    expect(
      printed('s := {y | some y in input.ys; y > 1}\nstartswith(input.n, "a")\ninput.o == {"k": [1, {2}]}'),
    ).toBe('s = {y | some y in input.ys; y > 1}; startswith(input.n, "a"); input.o == {"k": [1, {2}]}');
  });
});
