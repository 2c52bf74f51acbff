import { describe, expect, it } from "vitest";
import { parseTimeoutParam, requestDeadline } from "./deadline.js";
import { SERVING_CANCELED, ServingGate } from "./serving-gate.js";

describe("ServingGate", () => {
  it("bounds holders and hands slots over in order", async () => {
    const gate = new ServingGate(1);
    const first = gate.tryAcquire();
    expect(first).toBeDefined();
    expect(gate.tryAcquire()).toBeUndefined();
    const waiting = gate.acquire(Date.now() + 1000);
    expect(gate.queued).toBe(1);
    first?.();
    const second = await waiting;
    expect(gate.inFlight).toBe(1);
    second();
    second();
    expect(gate.inFlight).toBe(0);
  });

  it("cancels a waiter at its deadline", async () => {
    const gate = new ServingGate(1);
    gate.tryAcquire();
    await expect(gate.acquire(Date.now() + 10)).rejects.toThrow(SERVING_CANCELED);
    expect(gate.queued).toBe(0);
  });
});

describe("request deadline", () => {
  it("stays under the webhook timeout and the apiserver's", () => {
    expect(requestDeadline(0, 3000)).toBe(2750);
    expect(requestDeadline(0, 3000, 1000)).toBe(800);
    expect(parseTimeoutParam("3s")).toBe(3000);
    expect(parseTimeoutParam("1500ms")).toBe(1500);
    expect(parseTimeoutParam("soon")).toBeUndefined();
    expect(parseTimeoutParam(null)).toBeUndefined();
  });
});
