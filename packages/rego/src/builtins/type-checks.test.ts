import { describe, expect, it } from "vitest";
import { RegoSet, type Value } from "../value/value.js";
import { callBuiltin } from "./test-context.js";
import { typeChecksBuiltins } from "./type-checks.js";

const call = (name: string, ...args: Value[]): Value | undefined =>
  callBuiltin(typeChecksBuiltins, name, ...args);

describe("type builtins", () => {
  const samples: [Value, string][] = [
    [null, "null"],
    [true, "boolean"],
    [1.5, "number"],
    [2n ** 70n, "number"],
    ["s", "string"],
    [[1], "array"],
    [new RegoSet([1]), "set"],
    [{ a: 1 }, "object"],
  ];
  it("type_name names every type", () => {
    for (const [v, t] of samples) expect(call("type_name", v)).toBe(t);
  });
  it("is_* are true for their type and false otherwise", () => {
    for (const [v, t] of samples) {
      for (const name of ["null", "boolean", "number", "string", "array", "set", "object"]) {
        expect(call(`is_${name}`, v)).toBe(name === t);
      }
    }
  });
});
