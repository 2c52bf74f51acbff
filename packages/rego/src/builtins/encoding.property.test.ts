import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ObjectBuilder, RegoSet, type Value } from "../value/value.js";
import { encodingBuiltins } from "./encoding.js";
import { BuiltinError, OperandTypeError } from "./errors.js";
import { testContext } from "./test-context.js";

/** Arbitrary Rego values of every type, including sets, non-string keys and big integers. */
const value: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).filter((b) => b < -(2n ** 53n) || b > 2n ** 53n),
    fc.string({ unit: "grapheme-composite" }),
    fc.string({ unit: "binary" }),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.array(tie("v"), { maxLength: 4 }).map((xs) => new RegoSet(xs)),
    fc.array(fc.tuple(fc.oneof(fc.string(), tie("v")), tie("v")), { maxLength: 4 }).map((es) => {
      const b = new ObjectBuilder();
      for (const [k, x] of es) b.set(k, x);
      return b.build();
    }),
  ),
})).v;

const textish = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    "{",
    '{"a":[1,2.5e3,"x"]}',
    "a: [1, {b: c}]\n- x",
    "%zz",
    "aGVsbG8=",
    "w7_Dvg",
    "abc=",
    "0a1g",
    "&a=b;c",
  ),
  fc.json(),
);

/** Runs `f`; only OPA's operand and builtin errors may escape it. */
function outcome(f: () => unknown): void {
  try {
    f();
  } catch (e: unknown) {
    if (e instanceof OperandTypeError || e instanceof BuiltinError) return;
    throw e;
  }
}

describe("encoding builtins on arbitrary operands", () => {
  for (const def of encodingBuiltins) {
    it(`${def.decl.name} returns a value or a builtin error`, () => {
      const arity = def.decl.args.length;
      const arg = fc.oneof(value, textish);
      fc.assert(
        fc.property(fc.array(arg, { minLength: arity, maxLength: arity }), (args) => {
          outcome(() => def.impl(args, testContext()));
        }),
        { numRuns: 300 },
      );
    });
  }

  it("round-trips JSON and YAML for JSON values", () => {
    const call = (name: string, x: Value) =>
      encodingBuiltins.find((d) => d.decl.name === name)?.impl([x], testContext());
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (j) => {
        const safe = (_k: string, n: unknown) =>
          typeof n === "number" && Number.isInteger(n) && !Number.isSafeInteger(n) ? 0 : n;
        const v = JSON.parse(JSON.stringify(j), safe) as Value;
        const text = call("json.marshal", v) as string;
        expect(call("json.is_valid", text)).toBe(true);
        expect(call("json.unmarshal", text)).toEqual(call("json.unmarshal", JSON.stringify(v)));
        expect(call("yaml.unmarshal", call("yaml.marshal", v) as string)).toEqual(
          call("json.unmarshal", text),
        );
      }),
      { numRuns: 300 },
    );
  });
});
