import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { RegoError, RegoErrors } from "../errors.js";
import { Policy } from "../rego.js";
import type { Value } from "../value/value.js";
import { codegenThreshold, setCodegenThreshold } from "./generated-chain.js";
import { resultsAt } from "./test-paths.js";

const saved = codegenThreshold();
afterEach(() => setCodegenThreshold(saved));

/**
 * Body expressions over `x`, `y` and `k` (`g` may be written inline, `e` has `else`); the compiler
 * orders them, or rejects an unsafe body.
 */
const expression = fc.constantFrom(
  "some x in input.xs",
  "x := input.xs[_]",
  "y := input.o[k]",
  "input.o[k]",
  "some k, y in input.o",
  "x > 0",
  "not x == 1",
  "x != y",
  "count(input.xs) > 1",
  "y := input.o[x]",
  "not input.o[x]",
  "x == input.n",
  "input.xs[x]",
  "y := [z | some z in input.xs; z != x]",
  "y := g(x)",
  "not g(y)",
  "every z in input.xs { z != y }",
  "y := e(x)",
  "count(input.xs) > 1 with input.xs as [x, x]",
  "x := input.n with input.n as 2",
  "y := {z | some z in input.xs}",
  "y := {z: 1 | some z in input.xs}",
  'x := {1, "a", true}[_]',
  "y := x + 1",
  'startswith(x, "a")',
  "not input.xs[_] == 2",
  "input.o[k] == input.xs[0]",
);
/** Rule kinds: a partial set, a complete rule (two values conflict), a partial object by `x`. */
const kind = fc.constantFrom("p contains HEAD", "q := HEAD", "o[x] := HEAD");
/** Rule heads, some of them undefined for some solutions. */
const head = fc.constantFrom("x", "[x, y]", '{"x": x, "v": input.o[x]}', "input.o[k]", "[k, input.xs[y]]");
const scalar = fc.constantFrom<Value>(0, 1, 2, "a", "b", true, null);
const input = fc.record({
  xs: fc.array(scalar, { maxLength: 4 }),
  o: fc.dictionary(fc.constantFrom("a", "b", "c"), scalar, { maxKeys: 3 }),
  n: scalar,
});

const PRELUDE = [
  "package t",
  "import rego.v1",
  "g(a) := b if { is_number(a); b := a }",
  "e(a) := 1 if a == 0",
  'else := 2 if a == "a"',
  "else := 3",
  "",
].join("\n");

/** Whether a rule compiles on its own (the generator writes unsafe bodies too). */
function compiles(rule: string): boolean {
  try {
    new Policy({ modules: [{ file: "t.rego", text: PRELUDE + rule }] });
    return true;
  } catch (e: unknown) {
    if (e instanceof RegoError || e instanceof RegoErrors) return false;
    throw e;
  }
}

describe("generated bodies", () => {
  it("give the interpreter's results for random bodies and heads", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(kind, head, fc.array(expression, { minLength: 1, maxLength: 4 })), {
          minLength: 1,
          maxLength: 3,
        }),
        input,
        (rules, doc) => {
          const safe = rules
            .map(([k, h, body]) => `${k.replace("HEAD", h)} if { ${body.join("; ")} }`)
            .filter(compiles);
          fc.pre(safe.length > 0);
          const text = PRELUDE + safe.join("\n");
          expect(resultsAt(0, text, "x := data.t", doc)).toEqual(resultsAt(null, text, "x := data.t", doc));
        },
      ),
      { numRuns: 300 },
    );
  });
});
