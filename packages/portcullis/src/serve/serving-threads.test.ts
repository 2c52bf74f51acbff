import { describe, expect, it } from "vitest";
import { cgroupCpuLimit, defaultServingThreads, MAX_DEFAULT_SERVING_THREADS } from "./serving-threads.js";

describe("cgroupCpuLimit", () => {
  it("reads a quota over a period, and no limit for max or anything else", () => {
    expect(cgroupCpuLimit("200000 100000\n")).toBe(2);
    expect(cgroupCpuLimit("50000 100000")).toBe(0.5);
    expect(cgroupCpuLimit("max 100000\n")).toBeUndefined();
    expect(cgroupCpuLimit("")).toBeUndefined();
    expect(cgroupCpuLimit("0 100000")).toBeUndefined();
  });
});

describe("defaultServingThreads", () => {
  it("decides on the event loop with fewer than two whole CPUs", () => {
    expect(defaultServingThreads(1)).toBe(0);
    expect(defaultServingThreads(16, 1.5)).toBe(0);
    expect(defaultServingThreads(16, 0.5)).toBe(0);
  });

  it("keeps one CPU for the event loop and starts a worker on each other, up to the cap", () => {
    expect(defaultServingThreads(2)).toBe(1);
    expect(defaultServingThreads(4)).toBe(3);
    expect(defaultServingThreads(64)).toBe(MAX_DEFAULT_SERVING_THREADS);
    expect(defaultServingThreads(64, 3)).toBe(2);
    expect(defaultServingThreads(2, 8)).toBe(1);
  });
});
