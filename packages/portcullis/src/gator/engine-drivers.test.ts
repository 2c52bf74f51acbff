import type { CompiledTemplate, Driver, TemplateSource } from "@portcullis/constraint";
import { describe, expect, it } from "vitest";
import { isEngineChoice, memoizingDriver, templateHasCel, templateHasRego } from "./engine-drivers.js";

describe("memoizingDriver", () => {
  it("compiles a template once per distinct source", () => {
    let compiles = 0;
    const inner: Driver = {
      engine: "Rego",
      compile(t: TemplateSource): CompiledTemplate {
        compiles++;
        return { kind: t.kind, engine: "Rego", review: () => [] };
      },
    };
    const d = memoizingDriver(inner);
    const t: TemplateSource = { name: "a", kind: "A", engine: "Rego", source: { rego: "package a" } };
    const first = d.compile(t);
    expect(d.compile({ ...t, source: { rego: "package a" } })).toBe(first);
    d.compile({ ...t, source: { rego: "package b" } });
    expect(compiles).toBe(2);
  });
});

describe("templateHasCel / isEngineChoice", () => {
  it("finds K8sNativeValidation code", () => {
    const cel = { spec: { targets: [{ code: [{ engine: "Rego" }, { engine: "K8sNativeValidation" }] }] } };
    expect(templateHasCel(cel)).toBe(true);
    expect(templateHasCel({ spec: { targets: [{ rego: "package x" }] } })).toBe(false);
    expect(templateHasCel({})).toBe(false);
    expect(["auto", "rego", "cel", "wasm"].map(isEngineChoice)).toEqual([true, true, true, false]);
  });
});

describe("templateHasRego", () => {
  it("finds a legacy rego field or Rego code, not CEL alone", () => {
    expect(templateHasRego({ spec: { targets: [{ rego: "package x" }] } })).toBe(true);
    expect(templateHasRego({ spec: { targets: [{ code: [{ engine: "Rego" }] }] } })).toBe(true);
    expect(templateHasRego({ spec: { targets: [{ code: [{ engine: "K8sNativeValidation" }] }] } })).toBe(
      false,
    );
    expect(templateHasRego({ spec: { targets: [{ rego: "" }] } })).toBe(false);
    expect(templateHasRego({})).toBe(false);
  });
});
