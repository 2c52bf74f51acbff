import { describe, expect, it } from "vitest";
import type { CompiledValidation } from "./cel-template.js";
import { violationMessage } from "./evaluate.js";

const validation: CompiledValidation = {
  expression: " x == 1 ",
  program: {
    source: "x == 1",
    references: { roots: new Set(["x"]), variables: new Set<string>() },
    run: () => false,
  },
  message: "static",
  messageProgram: undefined,
};

describe("violation messages", () => {
  it("use a single-line messageExpression result of at most 5 KiB of UTF-8", () => {
    expect(violationMessage(validation, { value: " dynamic " })).toBe("dynamic");
    expect(violationMessage(validation, { value: "two\nlines" })).toBe("static");
    expect(violationMessage(validation, { value: "a".repeat(5 * 1024) })).toBe("a".repeat(5 * 1024));
    expect(violationMessage(validation, { value: "a".repeat(5 * 1024 + 1) })).toBe("static");
    // 2 bytes each in UTF-8: 2560 fit, 2561 do not.
    expect(violationMessage(validation, { value: "é".repeat(2560) })).toBe("é".repeat(2560));
    expect(violationMessage(validation, { value: "é".repeat(2561) })).toBe("static");
    // 4 bytes per surrogate pair; a lone surrogate counts 3 (as U+FFFD would).
    expect(violationMessage(validation, { value: "\u{1F600}".repeat(1280) })).toBe("\u{1F600}".repeat(1280));
    expect(violationMessage(validation, { value: `${"\u{1F600}".repeat(1279)}\ud800\ud800` })).toBe("static");
  });

  it("falls back to the message, then to the expression", () => {
    expect(violationMessage(validation, { error: "failed" })).toBe("static");
    expect(violationMessage({ ...validation, message: "" }, { value: 1n })).toBe("failed expression: x == 1");
  });
});
