import { isCelError } from "@bufbuild/cel";
import { isReflectMessage } from "@bufbuild/protobuf/reflect";
import { describe, expect, it } from "vitest";
import { dispatcher } from "./compile-dispatch.js";
import { kubernetesEnv } from "./environment.js";

describe("dispatch to the environment's overloads", () => {
  const env = kubernetesEnv();

  it("calls the overload matching the arguments", () => {
    expect(dispatcher(env, "lowerAscii", true, 0, 1)("ABC", [])).toBe("abc");
    expect(dispatcher(env, "int", false, 1, 1)(undefined, ["42"])).toBe(42n);
  });

  it("reports no matching overload with the argument types", () => {
    const r = dispatcher(env, "lowerAscii", true, 0, 1)(1n, []);
    expect(isCelError(r) && r.message).toBe(
      "found no matching overload for 'lowerAscii' applied to 'int.()'",
    );
    const r2 = dispatcher(env, "int", false, 2, 1)(undefined, ["1", "2"]);
    expect(isCelError(r2) && r2.message).toBe(
      "found no matching overload for 'int' applied to '(string, string)'",
    );
  });

  it("runs functions returning raw messages inside an evaluation context", () => {
    expect(isReflectMessage(dispatcher(env, "duration", false, 1, 1)(undefined, ["1s"]))).toBe(true);
  });

  it("turns a library exception into an error value", () => {
    const r = dispatcher(env, "quantity", false, 1, 1)(undefined, ["nope"]);
    expect(isCelError(r) && r.message).toMatch(/quantities must match/);
    const unbound = dispatcher(env, "no.such", false, 0, 1)(undefined, []);
    expect(isCelError(unbound) && unbound.message).toBe("unbound function: no.such");
  });
});
