import { describe, expect, it } from "vitest";
import type { Value } from "../value/value.js";
import { semverBuiltins } from "./semver.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]): Value | undefined =>
  callBuiltin(semverBuiltins, name, ...args);

describe("semver", () => {
  it("validates", () => {
    for (const v of ["1.0.0", "v1.2.3", "1.2.3-alpha.1+build.5", "1.2.3-", "01.2.3", "1.2.3+a-b"]) {
      expect(call("semver.is_valid", v)).toBe(true);
    }
    for (const v of ["1", "1.2", "1.2.3.4", "1.2.x", "1.2.3-a..b", "1.2.3+", 1, null, " 1.2.3"]) {
      expect(call("semver.is_valid", v as Value)).toBe(v === "1.2.3+");
    }
  });

  it("compares by precedence", () => {
    const order = [
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
    ];
    for (let i = 0; i + 1 < order.length; i++) {
      expect(call("semver.compare", order[i] as string, order[i + 1] as string)).toBe(-1);
      expect(call("semver.compare", order[i + 1] as string, order[i] as string)).toBe(1);
    }
    expect(call("semver.compare", "1.0.0+a", "1.0.0+b")).toBe(0);
    expect(call("semver.compare", "2.0.0", "10.0.0")).toBe(-1);
  });

  it("reports invalid versions", () => {
    expect(() => call("semver.compare", "1", "1.0.0")).toThrow('operand 1: string "1" is not a valid SemVer');
    expect(() => call("semver.compare", "1.0.0", "x")).toThrow('operand 2: string "x" is not a valid SemVer');
  });
});
