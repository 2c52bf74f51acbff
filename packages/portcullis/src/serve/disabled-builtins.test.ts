import { describe, expect, it } from "vitest";
import { DEFAULT_DISABLED_BUILTINS, disabledBuiltinNames, unknownBuiltins } from "./disabled-builtins.js";

describe("--disable-opa-builtin values", () => {
  it("default to http.send when none is given", () => {
    expect(disabledBuiltinNames([])).toEqual(DEFAULT_DISABLED_BUILTINS);
    expect(DEFAULT_DISABLED_BUILTINS).toEqual(["http.send"]);
  });

  it("replace the default with the names given, once each", () => {
    expect(disabledBuiltinNames(["net.lookup_ip_addr", "opa.runtime", "opa.runtime"])).toEqual([
      "net.lookup_ip_addr",
      "opa.runtime",
    ]);
  });

  it("read the chart's braces and commas", () => {
    expect(disabledBuiltinNames(["{http.send}"])).toEqual(["http.send"]);
    expect(disabledBuiltinNames(["{http.send, net.lookup_ip_addr}", " time.now_ns "])).toEqual([
      "http.send",
      "net.lookup_ip_addr",
      "time.now_ns",
    ]);
  });

  it("tell which names are no builtin of the engine", () => {
    expect(unknownBuiltins(["http.send", "htp.send", "sprintf"])).toEqual(["htp.send"]);
  });
});
