import { describe, expect, it } from "vitest";
import { NO_PRETENURING, serveV8Flags } from "./v8-settings.js";

describe("serveV8Flags", () => {
  it("turns allocation-site pretenuring off unless it is kept", () => {
    expect(serveV8Flags(false)).toEqual([NO_PRETENURING]);
    expect(serveV8Flags(true)).toEqual([]);
  });
});
