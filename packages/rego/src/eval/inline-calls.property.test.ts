import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { codegenThreshold, inlinedCalls, setCodegenThreshold } from "./generated-chain.js";
import { resultsAt } from "./test-paths.js";

const saved = codegenThreshold();
afterEach(() => setCodegenThreshold(saved));

/** One argument of a definition: a variable (`a`, `b`), the first one again, or a constant. */
const argument = fc.constantFrom("a", "b", "a_again", "1", '"x"', "2");
/** A body expression over the definition's variables `a` and `b` (when bound). */
const expression = fc.constantFrom(
  "a > 0",
  "b == 1",
  "not a == 2",
  "is_number(a)",
  "is_string(b)",
  "count([a, b]) == 2",
  'object.get({"k": a}, "k", 0) != 3',
  "h(a)",
  "not h(b)",
  "v := a",
  "a == b",
);
/** A definition's value: constant, or one of its variables. */
const value = fc.constantFrom("true", "1", "2", '"y"', "a", "b");

interface Definition {
  readonly args: readonly [string, string];
  readonly body: readonly string[];
  readonly value: string;
}

const definition: fc.Arbitrary<Definition> = fc.record({
  args: fc.tuple(argument, argument),
  body: fc.array(expression, { maxLength: 3 }),
  value,
});

/** The text of `f`'s definitions, leaving out those that would not compile (unsafe variables). */
function module(defs: readonly Definition[]): string {
  const lines = ["package t", "import rego.v1", "h(x) if x == 1", 'h(x) if x == "x"'];
  for (const d of defs) {
    const names = d.args.map((a) => (a === "a_again" ? "a" : a));
    const bound = new Set<string>(names.filter((n) => n === "a" || n === "b"));
    const reads = (s: string): string[] => ["a", "b"].filter((v) => new RegExp(`\\b${v}\\b`).test(s));
    const safe = [...d.body, d.value].every((s) => reads(s).every((v) => bound.has(v)));
    if (!safe) continue;
    // Each expression once: `v := a` twice would not compile.
    const body = d.body.length === 0 ? "true" : [...new Set(d.body)].join("; ");
    lines.push(`f(${names.join(", ")}) := ${d.value} if { ${body} }`);
  }
  lines.push("f(_, _) := 0 if false");
  lines.push("r contains [x, y, f(x, y)] if { some x in input.xs; some y in input.ys }");
  lines.push("s contains [x, y] if { some x in input.xs; some y in input.ys; not f(x, y) }");
  return lines.join("\n");
}

describe("inlined function calls", () => {
  it("give the interpreter's values and errors for random definitions", () => {
    const before = inlinedCalls();
    const scalars = fc.array(fc.constantFrom(0, 1, 2, "x", "z", true), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(definition, { minLength: 1, maxLength: 4 }), scalars, scalars, (defs, xs, ys) => {
        const text = module(defs);
        const input = { xs, ys };
        expect(resultsAt(0, text, "x := data.t", input)).toEqual(resultsAt(null, text, "x := data.t", input));
      }),
      { numRuns: 150 },
    );
    expect(inlinedCalls()).toBeGreaterThan(before);
  });
});
