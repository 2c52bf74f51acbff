import { describe, expect, it } from "vitest";
import { OperandTypeError } from "./errors.js";
import { testContext } from "./test-context.js";
import { uuidBuiltins } from "./uuid.js";

const impl = (name: string) => {
  const d = uuidBuiltins.find((b) => b.decl.name === name);
  if (d === undefined) throw new Error(name);
  return d.impl;
};

describe("uuid.rfc4122", () => {
  it("makes v4 UUIDs, stable per key within a query", () => {
    const ctx = testContext();
    const a = impl("uuid.rfc4122")(["k"], ctx);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(impl("uuid.rfc4122")(["k"], ctx)).toBe(a);
    expect(impl("uuid.rfc4122")(["other"], ctx)).not.toBe(a);
    expect(uuidBuiltins[0]?.decl.nondeterministic).toBe(true);
  });
});

describe("uuid.parse", () => {
  const parse = (s: string) => impl("uuid.parse")([s], testContext());
  const v2 = {
    clocksequence: 12800,
    domain: "Person",
    id: 1000,
    macvariables: "local:unicast",
    nodeid: "32-50-96-b3-9f-47",
    time: 1693566990121469600n,
    variant: "RFC4122",
    version: 2,
  };

  it("describes versions and variants", () => {
    expect(parse("00000000-0000-4000-8000-000000000000")).toEqual({ variant: "RFC4122", version: 4 });
    expect(parse("000003e8-48b9-21ee-b200-325096b39f47")).toEqual(v2);
    expect(parse("URN:UUID:000003e8-48b9-21ee-b200-325096b39f47")).toEqual(v2);
    expect(parse("{00000000-0000-4000-8000-000000000000}")).toEqual({ variant: "RFC4122", version: 4 });
    expect(parse("(00000000-0000-4000-8000-000000000000)")).toEqual({ variant: "RFC4122", version: 4 });
    expect(parse("6bea8ef2d3d33cd184e09bab06a52ece")).toEqual({ variant: "RFC4122", version: 3 });
    expect(parse("00000000-0000-4000-c000-000000000000")).toEqual({ variant: "Microsoft", version: 4 });
  });

  it("is undefined for malformed strings and rejects non-strings", () => {
    expect(parse("not-a-uuid")).toBeUndefined();
    expect(parse("00000000_0000-4000-8000-000000000000")).toBeUndefined();
    expect(() => impl("uuid.parse")([123], testContext())).toThrow(OperandTypeError);
  });
});
