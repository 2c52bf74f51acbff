/**
 * Random expressions on random objects: the compiler must agree with @bufbuild/cel's planner on
 * values and errors (outside the known differences listed in compile-differential.test.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeResult, evalWith } from "./test-compare.js";

const FIELDS = ["a", "b", "c", "name", "items"] as const;

const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, 1, -1, 2.5, 2 ** 53, "", "a", "ab", "b"),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...FIELDS), tie("value"), { maxKeys: 4 }),
  ),
})).value;

const literal = fc.constantFrom(
  "0",
  "1",
  "-1",
  "2",
  "9223372036854775807",
  "-9223372036854775808",
  "1u",
  "0u",
  "1.0",
  "0.5",
  "-0.0",
  "'a'",
  "'ab'",
  "''",
  "true",
  "false",
  "null",
  "[]",
  "[1, 'a']",
  "{}",
  "{'a': 1}",
  "b'a'",
);

const path = fc
  .array(fc.constantFrom(...FIELDS), { minLength: 0, maxLength: 3 })
  .map((fs) => ["object", ...fs].join("."));

const BINARY = ["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "in"];

const expression: fc.Arbitrary<string> = fc
  .letrec((tie) => {
    const e = tie("e").map(String);
    return {
      e: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        literal,
        path,
        fc.constant("x"),
        fc.tuple(e, fc.constantFrom(...BINARY), e).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc
          .tuple(fc.constantFrom("!", "-", "size", "string", "dyn", "type", "int"), e)
          .map(([f, a]) => `${f}(${a})`),
        path.map((p) => `has(${p === "object" ? "object.a" : p})`),
        fc.tuple(e, e, e).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
        fc.tuple(e, e).map(([a, k]) => `${a}[${k}]`),
        fc
          .tuple(e, fc.constantFrom("startsWith", "endsWith", "contains"), e)
          .map(([a, m, b]) => `${a}.${m}(${b})`),
        fc
          .tuple(e, fc.constantFrom("all", "exists", "exists_one", "map", "filter"), e)
          .map(([range, m, body]) => `${range}.${m}(x, ${body})`),
        fc.tuple(e, e, e).map(([range, p, body]) => `${range}.map(x, ${p}, ${body})`),
        fc.tuple(e, e).map(([a, b]) => `[${a}, ${b}]`),
      ),
    };
  })
  .e.map(String);

/** Kubernetes-like objects: a list of items with names and numbers, labels, a few scalars. */
const podLike: fc.Arbitrary<unknown> = fc.record(
  {
    name: fc.constantFrom("a", "ab", "b"),
    a: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, "a")),
    labels: fc.dictionary(fc.constantFrom("app", "team", "tier"), fc.constantFrom("a", "b", "")),
    items: fc.array(
      fc.record(
        { name: fc.constantFrom("a", "ab", "b", ""), a: fc.integer({ min: -2, max: 2 }), ok: fc.boolean() },
        { requiredKeys: [] },
      ),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: ["items"] },
);

/** Mostly well-typed expressions over {@link podLike} objects. */
const typed: fc.Arbitrary<string> = fc
  .letrec((tie) => {
    const b = tie("bool").map(String);
    const n = tie("num").map(String);
    const s = tie("str").map(String);
    const l = tie("list").map(String);
    const xb = tie("xbool").map(String);
    return {
      num: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom("0", "1", "-2", "object.a", "size(object.items)", "object.items[0].a", "2.5"),
        fc.tuple(n, fc.constantFrom("+", "-", "*", "/", "%"), n).map(([x, op, y]) => `(${x} ${op} ${y})`),
        l.map((x) => `size(${x})`),
      ),
      str: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom(
          "'a'",
          "''",
          "object.name",
          "object.labels.app",
          "object.labels['team']",
          "object.items[1].name",
        ),
        fc.tuple(s, s).map(([x, y]) => `(${x} + ${y})`),
        n.map((x) => `string(${x})`),
      ),
      list: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom("object.items", "[]", "['a', 'b']"),
        xb.map((p) => `object.items.filter(x, ${p})`),
        fc.constantFrom("x.name", "x.a", "x.a * 2", "has(x.ok)").map((e) => `object.items.map(x, ${e})`),
        fc.tuple(xb, fc.constantFrom("x.name", "x.a")).map(([p, e]) => `object.items.map(x, ${p}, ${e})`),
        fc.tuple(l, l).map(([x, y]) => `(${x} + ${y})`),
        fc.tuple(s, s).map(([x, y]) => `[${x}, ${y}]`),
      ),
      bool: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom("true", "false", "has(object.labels.app)", "has(object.a)", "object.items[0].ok"),
        fc
          .tuple(n, fc.constantFrom("==", "!=", "<", "<=", ">", ">="), n)
          .map(([x, op, y]) => `(${x} ${op} ${y})`),
        fc.tuple(s, fc.constantFrom("==", "!=", "<"), s).map(([x, op, y]) => `(${x} ${op} ${y})`),
        fc
          .tuple(s, fc.constantFrom("startsWith", "endsWith", "contains", "matches"), s)
          .map(([x, m, y]) => `${x}.${m}(${y})`),
        fc.tuple(b, fc.constantFrom("&&", "||"), b).map(([x, op, y]) => `(${x} ${op} ${y})`),
        b.map((x) => `!${x}`),
        fc.tuple(s, l).map(([x, y]) => `(${x} in ${y})`),
        s.map((x) => `(${x} in object.labels)`),
        fc
          .tuple(fc.constantFrom("all", "exists", "exists_one"), xb)
          .map(([m, p]) => `object.items.${m}(x, ${p})`),
        fc.tuple(b, b, b).map(([c, x, y]) => `(${c} ? ${x} : ${y})`),
      ),
      xbool: fc.oneof(
        fc.constantFrom(
          "x.ok",
          "has(x.ok)",
          "x.name == 'a'",
          "x.a > 0",
          "x.name.startsWith('a')",
          "x.a / x.a == 1",
        ),
        fc.tuple(b, fc.constantFrom("&&", "||")).map(([y, op]) => `(x.ok ${op} ${y})`),
      ),
    };
  })
  .bool.map(String);

/** Results where the planner throws instead of returning an error value (see the known differences). */
const PLANNER_THROWS = "error(unsupported input undefined)";

function agree(source: string, object: unknown): boolean {
  let want: string;
  try {
    want = describeResult(evalWith("planner", source, { object }));
  } catch {
    return true; // does not compile (both engines share the front end)
  }
  if (want === PLANNER_THROWS) return true;
  expect(describeResult(evalWith("closures", source, { object })), source).toBe(want);
  expect(describeResult(evalWith("generated", source, { object })), `${source} (generated)`).toBe(want);
  return true;
}

const runs = Number(process.env.CEL_RANDOM_RUNS ?? 400);
const seed = Number(process.env.CEL_RANDOM_SEED ?? 7);

describe("compiled CEL against @bufbuild/cel's planner on random expressions", () => {
  it("agrees on mostly well-typed expressions over Kubernetes-like objects", () => {
    fc.assert(
      fc.property(typed, podLike, (expr, object) => agree(expr, object)),
      { numRuns: runs, seed },
    );
  });

  it("agrees on values and errors", () => {
    fc.assert(
      fc.property(expression, jsonValue, (expr, object) =>
        // `x` outside a comprehension is undeclared; bind it to the object through one.
        agree(/\bx\b/.test(expr) ? `[object].map(x, ${expr})` : expr, object),
      ),
      { numRuns: runs, seed },
    );
  });
});
