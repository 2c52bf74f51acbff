import { afterEach, describe, expect, it, vi } from "vitest";
import { CLOCK_STRIDE, deadlinePassed, readClock } from "./deadline-clock.js";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Sets the clock to `ms`, counting its reads. */
function clockAt(ms: number): { set(ms: number): void; reads(): number } {
  let now = ms;
  const spy = vi.spyOn(Date, "now").mockImplementation(() => now);
  return {
    set(next: number): void {
      now = next;
    },
    reads: () => spy.mock.calls.length,
  };
}

describe("deadline checks", () => {
  it("see a deadline that passed before the review started at the first check", () => {
    clockAt(10_000);
    readClock();
    expect(deadlinePassed(9_999)).toBe(true);
  });

  it("do not see a deadline still ahead", () => {
    clockAt(10_000);
    readClock();
    for (let i = 0; i < 3 * CLOCK_STRIDE; i++) expect(deadlinePassed(10_001)).toBe(false);
  });

  it("never see +Infinity pass, and never read the clock for it", () => {
    const clock = clockAt(10_000);
    readClock();
    const before = clock.reads();
    for (let i = 0; i < 3 * CLOCK_STRIDE; i++) expect(deadlinePassed(Number.POSITIVE_INFINITY)).toBe(false);
    expect(clock.reads()).toBe(before);
  });

  it("read the clock once per stride of checks", () => {
    const clock = clockAt(10_000);
    readClock();
    const before = clock.reads();
    for (let i = 0; i < 4 * CLOCK_STRIDE; i++) deadlinePassed(20_000);
    expect(clock.reads() - before).toBe(4);
  });

  it("see a deadline that passes while the review runs within one stride of checks", () => {
    const clock = clockAt(10_000);
    readClock();
    expect(deadlinePassed(10_005)).toBe(false);
    clock.set(10_006);
    let late = 0;
    while (!deadlinePassed(10_005)) late++;
    expect(late).toBeLessThan(CLOCK_STRIDE);
    // Once seen, every later check sees it without reading the clock.
    const reads = clock.reads();
    expect(deadlinePassed(10_005)).toBe(true);
    expect(clock.reads()).toBe(reads);
  });
});
