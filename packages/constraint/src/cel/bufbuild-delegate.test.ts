import { isCelError, isCelList, isCelMap } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { delegateInput, delegateSelect, inEvalContext } from "./bufbuild-delegate.js";
import { QUANTITY } from "./lib-quantity.js";

describe("the @bufbuild/cel delegate", () => {
  it("converts plain JavaScript inputs as @bufbuild/cel does", () => {
    expect(isCelList(delegateInput([1n]))).toBe(true);
    expect(isCelMap(delegateInput({ a: 1n }))).toBe(true);
    expect(isCelMap(delegateInput(new Map([["a", 1n]])))).toBe(true);
  });

  it("selects message fields", () => {
    const q = QUANTITY.wrap({ nanos: 5n });
    expect(delegateSelect(q, "value", false)).toBe("5");
    expect(delegateSelect(q, "value", true)).toBe(true);
    const missing = delegateSelect(q, "nope", false);
    expect(isCelError(missing) && missing.message).toBe("field not found: nope");
  });

  it("runs functions inside an evaluation context, re-entrantly", () => {
    expect(inEvalContext(() => inEvalContext(() => 2n))).toBe(2n);
    expect(inEvalContext(() => undefined)).toBeUndefined();
  });
});
