import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GO_FLOAT } from "./go-yaml.js";

/**
 * What go-yaml v2 reads as a float, said as its resolver says it: a scalar from `.` is what Go's
 * `ParseFloat` reads; one from a sign or a digit is what `yamlStyleFloat` matches once its
 * underscores are dropped.
 */
function goYamlFloatText(s: string): boolean {
  if (s.startsWith(".")) return /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(s);
  if (!/^[-+0-9]/.test(s)) return false;
  return /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s.replaceAll("_", ""));
}

describe("GO_FLOAT", () => {
  it("matches what go-yaml's resolver reads as a float", () => {
    const scalar = fc.string({ unit: fc.constantFrom("0", "1", "9", "_", ".", "e", "E", "+", "-", "x") });
    fc.assert(
      fc.property(scalar, (s) => {
        expect(GO_FLOAT.test(s)).toBe(goYamlFloatText(s));
      }),
      { numRuns: 5000 },
    );
  });

  it("refuses long runs of digits and underscores that end badly", () => {
    // A pattern that could read a digit in two places took minutes on each of these.
    const n = 200_000;
    for (const s of [
      `+.${"0".repeat(n)}x`,
      `1${"_".repeat(n)}e${"_".repeat(n)}x`,
      `-${"1".repeat(n)}e${"1".repeat(n)}x`,
      `1e${"_".repeat(n)}x`,
    ])
      expect(GO_FLOAT.test(s)).toBe(false);
  });
});
