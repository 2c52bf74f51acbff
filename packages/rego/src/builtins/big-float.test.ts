import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { floatAdd, floatMul, floatQuo, floatSub, fromNumber, parseDecimal } from "./big-float.js";
import { floatToNumber, shortestDecimal } from "./big-float-format.js";

const normal = fc
  .double({ noNaN: true, noDefaultInfinity: true, min: -1e150, max: 1e150 })
  .filter((x) => x === 0 || Math.abs(x) > 1e-150);

describe("big-float", () => {
  it("reads doubles back unchanged at any precision of at least 53 bits", () => {
    fc.assert(
      fc.property(normal, fc.constantFrom(53, 64, 100), (x, prec) => {
        expect(Number(floatToNumber(fromNumber(x, prec))) + 0).toBe(x + 0);
      }),
    );
  });

  it("at 53 bits, rounds exactly as IEEE doubles do", () => {
    const ops = [
      [floatAdd, (a: number, b: number) => a + b],
      [floatSub, (a: number, b: number) => a - b],
      [floatMul, (a: number, b: number) => a * b],
      [floatQuo, (a: number, b: number) => a / b],
    ] as const;
    fc.assert(
      fc.property(normal, normal, fc.constantFrom(0, 1, 2, 3), (a, b, i) => {
        const [op, js] = ops[i] ?? ops[0];
        if (i === 3 && b === 0) return;
        const want = js(a, b);
        const got = floatToNumber(op(fromNumber(a, 53), fromNumber(b, 53), 53));
        expect(Number(got) + 0).toBe(want + 0);
      }),
      { numRuns: 2000 },
    );
  });

  it("prints the shortest digits that read back at the precision", () => {
    const third = floatQuo(fromNumber(1, 64), fromNumber(3, 64), 64);
    expect(shortestDecimal(third)).toEqual({ digits: 33333333333333333334n, exp10: -20 });
    expect(shortestDecimal(fromNumber(0.1, 64))).toEqual({ digits: 1n, exp10: -1 });
    expect(shortestDecimal(fromNumber(1000, 64))).toEqual({ digits: 1n, exp10: 3 });
  });

  it("adds 0.1 and 0.2 to 0.3 with 64-bit mantissas", () => {
    expect(floatToNumber(floatAdd(fromNumber(0.1, 64), fromNumber(0.2, 64), 64))).toBe(0.3);
    expect(floatToNumber(floatAdd(fromNumber(0.1, 53), fromNumber(0.2, 53), 53))).toBe(0.30000000000000004);
  });

  it("parses decimal text exactly before rounding", () => {
    expect(floatToNumber(parseDecimal("1e+21", 80) ?? fromNumber(0, 64))).toBe(1000000000000000000000n);
    expect(parseDecimal("12.5", 64)).toEqual({ neg: false, mant: 25n, exp: -1, prec: 64 });
    expect(parseDecimal("-0.75", 64)).toEqual({ neg: true, mant: 3n, exp: -2, prec: 64 });
    expect(parseDecimal("x", 64)).toBeUndefined();
  });

  it("rounds ties to even", () => {
    // 2^64 + 1 needs 65 bits: halfway between 2^64 and 2^64 + 2, so it rounds to the even 2^64.
    expect(fromNumber(2n ** 64n + 1n, 64)).toEqual({ neg: false, mant: 1n, exp: 64, prec: 64 });
    expect(fromNumber(2n ** 64n + 3n, 64)).toEqual({ neg: false, mant: 2n ** 62n + 1n, exp: 2, prec: 64 });
  });
});
