import { describe, expect, it } from "vitest";
import { allocatedBytes } from "./heap-allocation.js";

describe("allocatedBytes", () => {
  it("counts what was allocated, collected or not, and returns the value", () => {
    const { value, bytes } = allocatedBytes(() => {
      let kept: number[][] = [];
      for (let i = 0; i < 200_000; i++) {
        kept.push([i, i + 1, i + 2, i + 3]);
        if (kept.length > 1000) kept = [];
      }
      return kept.length;
    });
    expect(value).toBeLessThanOrEqual(1001);
    // 200,000 arrays of four numbers: at least 48 bytes each (header, length, elements).
    expect(bytes).toBeGreaterThan(200_000 * 48);
    expect(bytes).toBeLessThan(200_000 * 400);
  });

  it("counts next to nothing for work that allocates nothing", () => {
    const { bytes } = allocatedBytes(() => {
      let sum = 0;
      for (let i = 0; i < 100_000; i++) sum = (sum + i) & 0xffff;
      return sum;
    });
    expect(bytes).toBeLessThan(64 * 1024);
  });
});
