import { makeObject, RegoSet } from "@portcullis/rego";
import { describe, expect, it } from "vitest";
import type { DriverResult } from "../../driver.js";
import { toResults } from "./violations.js";

describe("toResults", () => {
  it("keeps one result per distinct msg and details, ignoring other fields", () => {
    const set = new RegoSet([
      { msg: "a", details: { x: 1 }, extra: 1 },
      { msg: "a", details: { x: 1 }, extra: 2 },
      { msg: "a", details: { x: 2 } },
      { msg: "b" },
      { msg: "b", details: {} },
    ]);
    const out: DriverResult[] = [];
    toResults("c", set, out);
    // In the set's order: `{details: {}, msg: "b"}` sorts first (at key "details", {} < {x: 1}).
    expect(out.map((r) => [r.msg, r.details])).toEqual([
      ["b", {}],
      ["a", { x: 1 }],
      ["a", { x: 2 }],
    ]);
  });

  it("keeps every member of a set of bare messages, in the set's order", () => {
    const out: DriverResult[] = [];
    toResults("c", new RegoSet([{ msg: "b" }, { msg: "a" }, { msg: "c" }]), out);
    expect(out.map((r) => [r.msg, r.details])).toEqual([
      ["a", {}],
      ["b", {}],
      ["c", {}],
    ]);
  });

  it("orders bare messages by their UTF-8 bytes, as OPA's set does", () => {
    const out: DriverResult[] = [];
    // UTF-16 puts the surrogate pair of U+1F600 before U+FF01; UTF-8 puts it after.
    const set = new RegoSet([{ msg: "\u{1F600}" }, { msg: "\uFF01" }, { msg: "a" }]);
    toResults("c", set, out);
    expect(out.map((r) => r.msg)).toEqual(["a", "\uFF01", "\u{1F600}"]);
    expect(out.map((r) => r.msg)).toEqual([...set].map((m) => (m as { msg: string }).msg));
  });

  it("reports members without a string msg, and a violation that is not a set", () => {
    const out: DriverResult[] = [];
    toResults("c", new RegoSet([makeObject([[1, 2]]), { msg: 3 }]), out);
    toResults("c", [1], out);
    expect(out.map((r) => r.msg)).toEqual([
      'violation result has no string "msg": {"1":2}',
      'violation result has no string "msg": {"msg":3}',
      "violation must be a set of objects, got [1]",
    ]);
  });
});
