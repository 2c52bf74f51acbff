import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RegoErrors } from "../errors.js";
import { parseModule, parseQuery } from "./parser.js";

/** Fragments of valid Rego that mutations cut, repeat and splice. */
const FRAGMENTS = [
  "package a.b\n",
  "import data.x as y\n",
  "import future.keywords\n",
  "import rego.v1\n",
  "p := 1\n",
  "p[x] { x := input.a[_] }\n",
  "q contains x if { some x in [1, 2, 3] }\n",
  "f(x) := y if { y := x + 1 * 2 }\n",
  "default r := false\n",
  'r if { every k, v in {"a": 1} { v > 0 } }\n',
  "s := {x | x := [1, 2][_]}\n",
  't := {k: v | some k, v in {"a": {1, 2}}}\n',
  "u := [x | x := 1] else = 2 { false }\n",
  "v if { not input.x with input as {} }\n",
  'w := $"a {1 + 2} b {input.x}"\n',
  "x := $`raw {[1]}`\n",
  "# METADATA\n# title: t\n",
  "# comment\n",
  '"string \\u00e9 \\n"',
  "`raw`",
  "12345678901234567890.5e3",
  "-0.5",
  'a.b.c[d]["e"]',
  "f(g(h(1)))",
  "{{{[]}}}",
  "(((1)))",
  "x == y; y != z",
  "1 | 2 & 3",
  "set()",
  "_",
  ";",
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  ",",
  ":=",
  "\n",
  " ",
  "\t",
  "$",
  "!",
  "\u0000",
  "\ud800",
  "é",
];

/** Parses `text`; anything but a result or RegoErrors fails the property. */
function parsesOrRejects(text: string, regoVersion: 0 | 1): boolean {
  for (const parse of [() => parseModule(text, { regoVersion }), () => parseQuery(text, { regoVersion })]) {
    try {
      parse();
    } catch (e: unknown) {
      if (!(e instanceof RegoErrors)) throw e;
      for (const err of e.errors) {
        expect(err.code).toBe("rego_parse_error");
        expect(err.location?.row).toBeGreaterThanOrEqual(1);
      }
    }
  }
  return true;
}

const version = fc.constantFrom<0 | 1>(0, 1);

const spliced = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })), { maxLength: 30 })
  .map((parts) => parts.join(""));

/** A valid module with some characters deleted, duplicated or replaced. */
const mutated = fc
  .tuple(
    fc.constant(FRAGMENTS.slice(0, 16).join("")),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3 })), { maxLength: 6 }),
  )
  .map(([text, edits]) => {
    let out = text;
    for (const [at, del, ins] of edits) {
      const i = at % (out.length + 1);
      out = out.slice(0, i) + ins + out.slice(i + del);
    }
    return out;
  });

describe("parser properties", () => {
  it("never throws anything but RegoErrors on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), version, parsesOrRejects), {
      numRuns: 500,
    });
  });

  it("never throws anything but RegoErrors on spliced fragments", () => {
    fc.assert(fc.property(spliced, version, parsesOrRejects), { numRuns: 1000 });
  });

  it("never throws anything but RegoErrors on mutated modules", () => {
    fc.assert(fc.property(mutated, version, parsesOrRejects), { numRuns: 1000 });
  });

  it("terminates quickly on deep nesting of any bracket", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("[", "{", "(", "f(", "[x | ", "{x: ", "not ", '$"{', "-"),
        fc.integer({ min: 1, max: 3000 }),
        (open, n) => {
          const start = performance.now();
          parsesOrRejects(`package a\np := ${open.repeat(n)}1`, 1);
          return performance.now() - start < 2000;
        },
      ),
      { numRuns: 40 },
    );
  });
});
