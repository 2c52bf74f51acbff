import { celList, isCelError } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import {
  celError,
  conditionNotBool,
  fieldNotFound,
  indexOutOfBounds,
  noOverload,
  notBool,
  notIterable,
} from "./compile-errors.js";
import { celErrorText } from "./error-text.js";

describe("error values", () => {
  it("are CEL errors without a captured stack, and leave the stack limit alone", () => {
    const before: unknown = Reflect.get(Error, "stackTraceLimit");
    const e = celError("boom");
    expect(isCelError(e)).toBe(true);
    expect(e.message).toBe("boom");
    expect(Reflect.get(Error, "stackTraceLimit")).toBe(before);
    expect(celError(new Error("wrapped")).message).toBe("wrapped");
  });

  it("use @bufbuild/cel's wording, which error-text.ts turns into cel-go's", () => {
    expect(celErrorText(noOverload("size", undefined, [1n]))).toBe("no such overload: size(int)");
    expect(noOverload("startsWith", celList([]), ["a"]).message).toBe(
      "found no matching overload for 'startsWith' applied to 'list(dyn).(string)'",
    );
    expect(celErrorText(fieldNotFound("x"))).toBe("no such key: x");
    expect(celErrorText(indexOutOfBounds(3))).toBe("index out of bounds: 3");
    expect(celErrorText(notBool(1n))).toBe("no such overload: expected bool, got int");
    expect(conditionNotBool("s").message).toBe("found no matching overload for _?_:_ applied to '(string)'");
    expect(notIterable(null).message).toBe("type mismatch: iterable vs null_type");
  });
});
