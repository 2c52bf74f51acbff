import { describe, expect, it } from "vitest";
import type { Value } from "../value/value.js";
import { callBuiltin } from "./test-context.js";
import { unitsBuiltins } from "./units.js";

const call = (name: string, ...args: Value[]): Value | undefined => callBuiltin(unitsBuiltins, name, ...args);

describe("units.parse_bytes", () => {
  const cases: [string, Value][] = [
    ['"100TIB"', 109951162777600],
    ["0", 0],
    [".0", 0],
    ["10KB", 10000],
    ["10Kib", 10240],
    ["1.1KB", 1100],
    ["1.1KiB", 1126],
    ["10e", 10000000000000000000n],
    ["10eib", 11529215046068469760n],
    ["3.2E2MiB", 335544320],
    ["1e-2KB", 10],
    ["5E", 5000000000000000000n],
    ["-5kb", -5000],
  ];
  for (const [s, want] of cases) it(s, () => expect(call("units.parse_bytes", s)).toBe(want));

  it("reports OPA's errors", () => {
    expect(() => call("units.parse_bytes", "")).toThrow("units.parse_bytes: no byte amount provided");
    expect(() => call("units.parse_bytes", "0.0.0")).toThrow(
      "units.parse_bytes: could not parse byte amount to a number",
    );
    expect(() => call("units.parse_bytes", " 327MiB ")).toThrow(
      "units.parse_bytes: spaces not allowed in resource strings",
    );
    expect(() => call("units.parse_bytes", "10e10000000EiB")).toThrow(
      "units.parse_bytes: exponent too large",
    );
    expect(() => call("units.parse_bytes", "10xb")).toThrow("units.parse_bytes: byte unit xb not recognized");
  });
});

describe("units.parse", () => {
  const cases: [string, Value][] = [
    ["500m", 0.5],
    ["0.0005K", 0.5],
    ["0.0000005M", 0.5],
    ["1Ki", 1024],
    ["4.1Mi", 4299161.6],
    ["1m", 0.001],
    ["1M", 1000000],
    ["1mi", 1048576],
    ["2KI", 2048],
    ["1e3m", 1],
    ["1.5", 1.5],
    ["3m", 0.003],
    ["1", 1],
  ];
  for (const [s, want] of cases) it(s, () => expect(call("units.parse", s)).toBe(want));

  it("reports OPA's errors", () => {
    expect(() => call("units.parse", "G")).toThrow("units.parse: no amount provided");
    expect(() => call("units.parse", "1 G")).toThrow("units.parse: spaces not allowed in resource strings");
    expect(() => call("units.parse", "1Gb")).toThrow("units.parse: unit Gb not recognized");
    expect(() => call("units.parse", ".5.2K")).toThrow("units.parse: could not parse amount to a number");
  });
});
