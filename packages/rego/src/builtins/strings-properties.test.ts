import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ObjectBuilder, type ObjectValue, objectEntries, RegoSet, type Value } from "../value/value.js";
import { BuiltinError, BuiltinHaltError, OperandTypeError } from "./errors.js";
import { globBuiltins } from "./glob.js";
import { regexBuiltins } from "./regex.js";
import type { BuiltinDef } from "./registry.js";
import { stringsBuiltins } from "./strings.js";
import { testContext } from "./test-context.js";

const patternChars = fc.constantFrom(..."ab.*+?[]{}()!-,\\^$|:/😀é 0%sdvq#".split(""));
const patternString = fc.array(patternChars, { maxLength: 12 }).map((cs) => cs.join(""));

const scalar: fc.Arbitrary<Value> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).filter((b) => b > 2n ** 53n || b < -(2n ** 53n)),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  patternString,
);

const { value } = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.array(tie("value"), { maxLength: 3 }).map((xs) => new RegoSet(xs)),
    fc
      .array(fc.tuple(fc.oneof(fc.string({ maxLength: 4 }), scalar), tie("value")), { maxLength: 3 })
      .map((es) => {
        const b = new ObjectBuilder();
        for (const [k, v] of es) b.set(k, v);
        return b.build();
      }),
  ),
}));

function isValue(v: unknown): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case "boolean":
    case "string":
    case "bigint":
      return true;
    case "number":
      return Number.isFinite(v);
    case "object":
      if (Array.isArray(v)) return v.every(isValue);
      if (v instanceof RegoSet) return v.values().every(isValue);
      return objectEntries(v as ObjectValue).every(([k, x]) => isValue(k) && isValue(x));
    default:
      return false;
  }
}

function check(defs: readonly BuiltinDef[]): void {
  for (const def of defs) {
    it(`${def.decl.name} returns a value or fails with a builtin error`, () => {
      fc.assert(
        fc.property(
          fc.array(value, { minLength: def.decl.args.length, maxLength: def.decl.args.length }),
          (args) => {
            try {
              const out = def.impl(args, testContext());
              expect(out === undefined || isValue(out)).toBe(true);
            } catch (e: unknown) {
              const halt = def.decl.name === "internal.template_string" && e instanceof BuiltinHaltError;
              if (!(e instanceof OperandTypeError || e instanceof BuiltinError || halt)) throw e;
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  }
}

describe("string builtins on arbitrary values", () => check(stringsBuiltins));
describe("regex builtins on arbitrary values", () => check(regexBuiltins));
describe("glob builtins on arbitrary values", () => check(globBuiltins));

describe("string-typed arguments", () => {
  it("regex and glob builtins never fail otherwise on arbitrary patterns", () => {
    const defs = [...regexBuiltins, ...globBuiltins];
    fc.assert(
      fc.property(patternString, patternString, fc.string({ unit: "grapheme", maxLength: 12 }), (a, b, s) => {
        for (const def of defs) {
          const args: Value[] = def.decl.args.map((_p, i) =>
            i === 0 ? a : i === 1 ? (def.decl.name === "glob.match" ? null : b) : s,
          );
          if (def.decl.name.endsWith("_n")) args[2] = -1;
          try {
            const out = def.impl(args, testContext());
            expect(out === undefined || isValue(out)).toBe(true);
          } catch (e: unknown) {
            if (!(e instanceof OperandTypeError || e instanceof BuiltinError)) throw e;
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
