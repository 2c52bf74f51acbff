import { type CelResult, isCelError } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { celError } from "./compile-errors.js";
import { type Eval, Frame } from "./compile-frame.js";
import {
  compileAnd,
  compileConditional,
  compileNot,
  compileNotStrictlyFalse,
  compileOr,
} from "./compile-logic.js";

const frame = new Frame({}, undefined, 0);
const E1 = celError("e1");
const E2 = celError("e2");
const k =
  (v: CelResult): Eval =>
  () =>
    v;
const show = (r: CelResult): unknown => (isCelError(r) ? r.message : r);
const never: Eval = () => {
  throw new Error("evaluated");
};

describe("logic", () => {
  it("&& is false when either side is false, errors otherwise win left first", () => {
    const and = (a: CelResult, b: CelResult) => show(compileAnd(k(a), k(b))(frame));
    expect(and(true, true)).toBe(true);
    expect(and(E1, false)).toBe(false);
    expect(and(false, E1)).toBe(false);
    expect(and(E1, true)).toBe("e1");
    expect(and(true, E2)).toBe("e2");
    expect(and(E1, E2)).toBe("e1");
    expect(and(1n, true)).toBe("type mismatch: expected bool, got int");
    expect(compileAnd(k(false), never)(frame)).toBe(false);
  });

  it("|| is true when either side is true, errors otherwise win left first", () => {
    const or = (a: CelResult, b: CelResult) => show(compileOr(k(a), k(b))(frame));
    expect(or(false, false)).toBe(false);
    expect(or(E1, true)).toBe(true);
    expect(or(true, E1)).toBe(true);
    expect(or(E1, false)).toBe("e1");
    expect(or(false, "s")).toBe("type mismatch: expected bool, got string");
    expect(or(E1, E2)).toBe("e1");
    expect(compileOr(k(true), never)(frame)).toBe(true);
  });

  it("?: runs only the chosen branch", () => {
    expect(compileConditional(k(true), k(1n), never)(frame)).toBe(1n);
    expect(compileConditional(k(false), never, k(2n))(frame)).toBe(2n);
    expect(show(compileConditional(k(E1), never, never)(frame))).toBe("e1");
    expect(show(compileConditional(k(null), never, never)(frame))).toBe(
      "found no matching overload for _?_:_ applied to '(null_type)'",
    );
  });

  it("! negates bools and asks the library about anything else", () => {
    const fallback = () => celError("no overload");
    expect(compileNot(k(true), fallback)(frame)).toBe(false);
    expect(show(compileNot(k(E1), fallback)(frame))).toBe("e1");
    expect(show(compileNot(k(1n), fallback)(frame))).toBe("no overload");
    expect(compileNotStrictlyFalse(k(E1))(frame)).toBe(true);
    expect(compileNotStrictlyFalse(k(false))(frame)).toBe(false);
  });
});
