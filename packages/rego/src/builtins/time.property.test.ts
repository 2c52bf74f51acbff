import fc from "fast-check";
import { describe, it } from "vitest";
import { ObjectBuilder, RegoSet, type Value } from "../value/value.js";
import { BuiltinError, OperandTypeError } from "./errors.js";
import { testContext } from "./test-context.js";
import { timeBuiltins } from "./time.js";

const value: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.bigInt({ min: -(2n ** 66n), max: 2n ** 66n }).filter((b) => b < -(2n ** 53n) || b > 2n ** 53n),
    fc.string({ unit: "binary" }),
    fc.array(tie("v"), { maxLength: 3 }),
    fc.array(tie("v"), { maxLength: 3 }).map((xs) => new RegoSet(xs)),
    fc.dictionary(fc.string(), tie("v"), { maxKeys: 3 }).map((o) => {
      const b = new ObjectBuilder();
      for (const [k, x] of Object.entries(o)) b.set(k, x);
      return b.build();
    }),
  ),
})).v;

const ns = fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((s) => s * 1e9),
);
const zone = fc.constantFrom(
  "",
  "UTC",
  "Local",
  "America/New_York",
  "Asia/Kolkata",
  "Europe/Paris",
  "Nope/Zone",
  "+05:00",
);
const layoutPiece = fc.constantFrom(
  "2006",
  "06",
  "01",
  "1",
  "Jan",
  "January",
  "02",
  "2",
  "_2",
  "__2",
  "002",
  "15",
  "3",
  "03",
  "04",
  "4",
  "05",
  "5",
  "PM",
  "pm",
  "MST",
  "Z07:00",
  "-0700",
  "Z0700",
  "-07",
  ".000",
  ".999999999",
  ",9",
  "Mon",
  "Monday",
  " ",
  "-",
  ":",
  "T",
  "x",
);
const layout = fc.oneof(
  fc.array(layoutPiece, { maxLength: 8 }).map((xs) => xs.join("")),
  fc.constantFrom("RFC3339", "RFC3339Nano", "RFC1123Z", "ANSIC", "UnixDate", "Kitchen"),
  fc.string({ unit: "binary", maxLength: 12 }),
);
const timeText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc
    .array(
      fc.constantFrom(
        "2017",
        "-",
        "06",
        "02",
        "T",
        "19",
        ":",
        "00",
        "Z",
        "+05:30",
        ".123",
        " ",
        "Jun",
        "PM",
        "PST",
        "GMT+3",
      ),
      {
        maxLength: 12,
      },
    )
    .map((xs) => xs.join("")),
  fc
    .array(
      fc.constantFrom("1", "15", ".", "5", "h", "m", "s", "ms", "us", "µs", "ns", "-", "+", "99999999999"),
      { maxLength: 8 },
    )
    .map((xs) => xs.join("")),
);
const timeArg = fc.oneof(
  value,
  ns,
  fc.tuple(ns, zone).map((t) => [...t] as Value),
  fc.tuple(ns, zone, layout).map((t) => [...t] as Value),
  layout,
  timeText,
  fc.integer({ min: -3000, max: 3000 }),
);

function outcome(f: () => unknown): void {
  try {
    f();
  } catch (e: unknown) {
    if (e instanceof OperandTypeError || e instanceof BuiltinError) return;
    throw e;
  }
}

describe("time builtins on arbitrary operands", () => {
  for (const def of timeBuiltins) {
    it(`${def.decl.name} returns a value or a builtin error`, () => {
      const arity = def.decl.args.length;
      fc.assert(
        fc.property(fc.array(timeArg, { minLength: arity, maxLength: arity }), (args) => {
          outcome(() => def.impl(args, testContext()));
        }),
        { numRuns: 400 },
      );
    });
  }
});
