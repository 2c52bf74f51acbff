import { describe, expect, it } from "vitest";
import { RegoErrors } from "../errors.js";
import { Policy } from "../rego.js";
import { defaultBuiltins } from "./index.js";

describe("BuiltinRegistry.without", () => {
  it("keeps every builtin but the ones named, and leaves the original alone", () => {
    const all = defaultBuiltins();
    const fewer = all.without(["http.send", "no.such.builtin"]);
    expect(fewer.has("http.send")).toBe(false);
    expect(all.has("http.send")).toBe(true);
    expect(fewer.has("sprintf")).toBe(true);
    expect(fewer.declarations().length).toBe(all.declarations().length - 1);
  });

  it("makes a policy that calls a removed builtin fail to compile with OPA's type error", () => {
    const source = 'package p\nr := http.send({"method": "get", "url": "http://x"})\n';
    let caught: unknown;
    try {
      new Policy({
        modules: [{ file: "p.rego", text: source }],
        builtins: defaultBuiltins().without(["http.send"]),
      });
    } catch (e: unknown) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RegoErrors);
    const errors = caught instanceof RegoErrors ? caught.errors : [];
    expect(errors[0]?.code).toBe("rego_type_error");
    expect(errors[0]?.message).toBe("undefined function http.send");
    expect(errors[0]?.location?.row).toBe(2);
  });
});
