import { describe, expect, it } from "vitest";
import { pemDecode } from "./pem.js";

describe("pemDecode", () => {
  it("finds blocks and returns the rest", () => {
    const { block, rest } = pemDecode(
      "junk\n-----BEGIN X-----\nProc-Type: 4\n\nAAEC\n-----END X-----\ntrailing",
    );
    expect(block?.type).toBe("X");
    expect(block?.headers.get("Proc-Type")).toBe("4");
    expect(Array.from(block?.bytes ?? [])).toEqual([0, 1, 2]);
    expect(rest).toBe("trailing");
  });

  it("returns the input unchanged without a block", () => {
    expect(pemDecode("nothing here")).toEqual({ block: undefined, rest: "nothing here" });
    expect(pemDecode("-----BEGIN X-----\nAAEC\n-----END Y-----\n").block).toBeUndefined();
  });
});
