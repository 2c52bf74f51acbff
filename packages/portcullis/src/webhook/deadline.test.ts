import { describe, expect, it } from "vitest";
import { parseTimeoutParam, requestDeadline } from "./deadline.js";

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
