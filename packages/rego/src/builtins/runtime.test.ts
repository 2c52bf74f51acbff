import { describe, expect, it } from "vitest";
import { runtimeBuiltins } from "./runtime.js";
import { testContext } from "./test-context.js";

describe("opa.runtime and trace", () => {
  it("returns the host's runtime object or {}", () => {
    const rt = runtimeBuiltins[0];
    expect(rt?.impl([], testContext())).toEqual({});
    expect(rt?.impl([], { ...testContext(), services: { runtime: { version: "x" } } })).toEqual({
      version: "x",
    });
  });

  it("traces return true", () => {
    expect(runtimeBuiltins[1]?.impl(["note"], testContext())).toBe(true);
    expect(() => runtimeBuiltins[1]?.impl([1], testContext())).toThrow("operand 1 must be string");
  });
});
