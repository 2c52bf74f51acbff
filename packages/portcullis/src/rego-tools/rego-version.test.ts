import { RegoErrors } from "@portcullis/rego";
import { describe, expect, it } from "vitest";
import { parseRegoFile, queryVersion } from "./rego-version.js";

const V0 = "package a\n\nallow { input.x == 1 }\n";
const V1 = "package a\n\nallow if input.x == 1\n";

describe("parseRegoFile", () => {
  it("auto parses v1 files as v1 and falls back to v0 per file", () => {
    expect(parseRegoFile("v1.rego", V1, "auto").regoVersion).toBe(1);
    expect(parseRegoFile("v0.rego", V0, "auto").regoVersion).toBe(0);
  });

  it("forced versions do not fall back", () => {
    expect(() => parseRegoFile("v0.rego", V0, "v1")).toThrow(RegoErrors);
    expect(parseRegoFile("v0.rego", V0, "v0").regoVersion).toBe(0);
  });

  it("reports the v1 errors with file:row:col when neither parses", () => {
    try {
      parseRegoFile("bad.rego", "package a\np if {\n", "auto");
      expect.unreachable();
    } catch (e: unknown) {
      expect(e).toBeInstanceOf(RegoErrors);
      const first = e instanceof RegoErrors ? e.errors[0] : undefined;
      expect(first?.code).toBe("rego_parse_error");
      expect(first?.location).toMatchObject({ file: "bad.rego", row: 3 });
      expect(first?.location?.col).toBeGreaterThan(0);
    }
  });

  it("parses queries as v0 only under --v0", () => {
    expect(queryVersion("v0")).toBe(0);
    expect(queryVersion("auto")).toBe(1);
  });
});
