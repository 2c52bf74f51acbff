import { celList, celMap, isCelError, isCelList, isCelMap } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { Frame, inputValue, readBinding } from "./compile-frame.js";

describe("frames and bindings", () => {
  it("give each evaluation its own slots", () => {
    const a = new Frame({}, undefined, 2);
    const b = new Frame({}, undefined, 2);
    a.slots[0] = 1n;
    // Unset slots are holes, which readers take as null.
    expect(b.slots[0]).toBeUndefined();
    expect(new Frame({}, undefined, 0).slots).toEqual([]);
  });

  it("pass CEL values through and convert other inputs", () => {
    const l = celList([1n]);
    expect(inputValue(l)).toBe(l);
    expect(inputValue("s")).toBe("s");
    expect(isCelList(inputValue([1n]))).toBe(true);
    expect(isCelMap(inputValue({ a: 1n }))).toBe(true);
    const m = celMap(new Map());
    expect(inputValue(m)).toBe(m);
  });

  it("report unbound names", () => {
    const r = readBinding({}, "object");
    expect(isCelError(r) && r.message).toBe("unresolved attribute");
    expect(readBinding({ object: null }, "object")).toBe(null);
  });
});
