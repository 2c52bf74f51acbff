import { describe, expect, it } from "vitest";
import { Policy } from "../rego.js";
import type { Value } from "../value/value.js";
import { explainEvents, prettyTrace } from "./pretty-trace.js";
import { Tracer } from "./tracer.js";

const MODULE = `package test

p if {
  input.x == 10
  trace("x is ten")
  q[y]
  y > 1
}

q contains v if {
  some v in input.xs
}
`;

function traced(module: string, query: string, input: Value): { rows: unknown[]; tracer: Tracer } {
  const tracer = new Tracer();
  const policy = new Policy({ modules: [{ file: "test.rego", text: module }] });
  const rows = policy.prepare(query).eval({ input, tracer });
  return { rows, tracer };
}

describe("Tracer", () => {
  it("records Enter, Eval, Index, Note, Exit, Redo and Fail as OPA's tracer lays them out", () => {
    const { rows, tracer } = traced(MODULE, "data.test.p", { x: 10, xs: [1, 2] });
    expect(rows).toHaveLength(1);
    expect(prettyTrace(tracer.events)).toEqual([
      "Enter data.test.p",
      "| Eval data.test.p",
      "| Index data.test.p (matched 1 rule)",
      "| Enter data.test.p",
      "| | Eval input.x == 10",
      '| | Eval trace("x is ten")',
      '| | Note "x is ten"',
      "| | Eval data.test.q[y]",
      "| | Index data.test.q (matched 1 rule)",
      "| | Enter data.test.q",
      "| | | Eval some v in input.xs",
      "| | | Exit data.test.q",
      "| | Redo data.test.q",
      "| | | Redo some v in input.xs",
      "| | | Exit data.test.q",
      "| | Redo data.test.q",
      "| | | Redo some v in input.xs",
      "| | Eval y > 1",
      "| | Fail y > 1",
      "| | Redo data.test.q[y]",
      "| | Eval y > 1",
      "| | Exit data.test.p",
      "| Exit data.test.p",
      "Redo data.test.p",
      "| Redo data.test.p",
    ]);
  });

  it("prints each event's file and row in a column", () => {
    const { tracer } = traced(MODULE, "data.test.p", { x: 10, xs: [2] });
    const lines = prettyTrace(tracer.events, { locations: true });
    // The longest location, test.rego:11, and four spaces set the column's width.
    expect(lines[0]).toBe("query:1         Enter data.test.p");
    expect(lines).toContain("test.rego:4     | | Eval input.x == 10");
    expect(lines).toContain('test.rego:5     | | Note "x is ten"');
  });

  it("keeps notes or failures with the Enter events that lead to them", () => {
    const { tracer } = traced(MODULE, "data.test.p", { x: 10, xs: [1] });
    expect(prettyTrace(explainEvents(tracer.events, "notes"))).toEqual([
      "Enter data.test.p",
      "| Enter data.test.p",
      '| | Note "x is ten"',
    ]);
    expect(prettyTrace(explainEvents(tracer.events, "fails"))).toEqual([
      "Enter data.test.p",
      "| Enter data.test.p",
      "| | Fail y > 1",
      "| Fail data.test.p",
    ]);
  });

  it("traces functions, else chains, comprehensions, every and negation without changing results", () => {
    const module = `package t
g(x) := "big" if { x > 5 } else := "small"
deny if input.bad
allow if {
  not deny
  every x in input.xs { x < 10 }
  g(input.n) == "small"
  count({y | some y in input.xs; y > 1}) == 2
  input.n == 3 with input.n as 3
}`;
    const input = { xs: [1, 2, 3], n: 4 };
    const plain = new Policy({ modules: [{ file: "t.rego", text: module }] })
      .prepare("data.t.allow")
      .eval({ input });
    const { rows, tracer } = traced(module, "data.t.allow", input);
    expect(rows).toEqual(plain);
    const lines = prettyTrace(tracer.events);
    expect(lines).toContain("| | Eval not data.t.deny");
    expect(lines).toContain("| | | Fail input.bad");
    expect(lines).toContain("| | Enter data.t.g");
    expect(lines).toContain("| | | Fail x > 5");
    expect(lines).toContain("| | Eval every x in input.xs { x < 10 }");
    expect(lines).toContain("| | Eval input.n == 3 with input.n as 3");
    expect(lines.filter((l) => l === "| | Enter data.t.g")).toHaveLength(2);
  });

  it("leaves `some` declarations out, as OPA's traces do", () => {
    const { tracer } = traced("package t\np if {\n  some i\n  input.xs[i] > 1\n}", "data.t.p", { xs: [2] });
    const lines = prettyTrace(tracer.events);
    expect(lines).toContain("| | Eval input.xs[i] > 1");
    expect(lines.some((l) => l.includes("Eval true"))).toBe(false);
  });

  it("traces a prepared document as a query of its own", () => {
    const policy = new Policy({ modules: [{ file: "t.rego", text: "package t\nv contains 1 if input.on" }] });
    const tracer = new Tracer();
    const doc = policy.prepareDocument(["t", "v"]);
    expect(doc?.eval({ input: { on: true }, tracer })).toBeDefined();
    expect(prettyTrace(tracer.events)).toEqual([
      "Enter data.t.v",
      "| Index data.t.v (matched 1 rule)",
      "| Enter data.t.v",
      "| | Eval input.on",
      "| | Exit data.t.v",
      "| Redo data.t.v",
      "| | Redo input.on",
      "| Exit data.t.v",
    ]);
  });

  it("drops notes when no tracer collects them", () => {
    const policy = new Policy({ modules: [{ file: "t.rego", text: 'package t\np if trace("hi")' }] });
    expect(policy.prepare("data.t.p").eval()).toHaveLength(1);
  });
});
