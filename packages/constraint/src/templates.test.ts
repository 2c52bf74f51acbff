import { describe, expect, it } from "vitest";
import { ConstraintClient } from "./client.js";
import { InvalidTemplateError } from "./errors.js";
import { CEL_ENGINE, parseTemplate, REGO_ENGINE, selectCode } from "./templates.js";
import { templateDoc } from "./test-fixtures.js";

function addError(doc: unknown): InvalidTemplateError {
  const client = new ConstraintClient();
  try {
    client.addTemplate(doc, { file: "lib/template.yaml" });
  } catch (e: unknown) {
    if (e instanceof InvalidTemplateError) return e;
    throw e;
  }
  throw new Error("expected an InvalidTemplateError");
}

describe("bad templates", () => {
  it("reports a Rego syntax error with its location", () => {
    const e = addError(templateDoc({ rego: 'package k8stest\nviolation[{"msg": msg}] {\n  msg := \n}' }));
    expect(e.code).toBe("rego_parse_error");
    expect(e.message).toContain('invalid ConstraintTemplate "k8stest" (lib/template.yaml)');
    expect(e.message).toMatch(/k8stest\/template\.rego:\d+:\d+: rego_parse_error/);
    expect(e.location?.row).toBeGreaterThan(1);
  });

  it("requires a violation rule", () => {
    const e = addError(templateDoc({ rego: 'package k8stest\ndeny[msg] { msg := "x" }' }));
    expect(e.code).toBe("rego_missing_rule");
    expect(e.message).toContain("missing required rules: [violation]");
  });

  it("requires the name to be the lowercased kind", () => {
    const e = addError(templateDoc({ kind: "K8sTest", name: "k8s-test" }));
    expect(e.code).toBe("template_name_mismatch");
    expect(e.message).toContain('"k8s-test"');
    expect(e.message).toContain('"k8stest"');
  });

  it("rejects two targets", () => {
    const doc = templateDoc();
    const spec = doc.spec as { targets: unknown[] };
    spec.targets.push({ target: "admission.k8s.gatekeeper.sh", rego: "package x" });
    const e = addError(doc);
    expect(e.code).toBe("template_targets");
    expect(e.message).toContain("not currently supported");
  });

  it("rejects an unknown target and a missing target list", () => {
    expect(addError(templateDoc({ target: { target: "other.target" } })).code).toBe("template_targets");
    const doc = templateDoc();
    (doc.spec as Record<string, unknown>).targets = [];
    expect(addError(doc).message).toContain("must specify one target");
  });

  it("rejects data references outside data.inventory and data.lib, naming the location", () => {
    const e = addError(
      templateDoc({
        rego: 'package k8stest\nviolation[{"msg": msg}] {\n  x := data.secrets.token\n  msg := x\n}',
      }),
    );
    expect(e.code).toBe("rego_data_ref");
    expect(e.message).toContain("k8stest/template.rego:3:8: disallowed data reference data.secrets.token");
    expect(e.location).toMatchObject({ row: 3, col: 8 });
  });

  it("rejects bad imports and libs outside lib.", () => {
    expect(
      addError(templateDoc({ rego: 'package k8stest\nimport data.other\nviolation[{"msg": "x"}] { true }' }))
        .code,
    ).toBe("rego_bad_import");
    expect(addError(templateDoc({ libs: ["package helpers\nf(x) = x"] })).code).toBe("rego_lib_package");
  });

  it("rejects a malformed or non-structural schema", () => {
    const e1 = addError(
      templateDoc({ schema: { type: "object", properties: { tag: { items: { type: "string" } } } } }),
    );
    expect(e1.code).toBe("template_schema");
    expect(e1.message).toContain("spec.parameters.properties[tag].type: Required value");
    const e2 = addError(templateDoc({ schema: { type: "object", properties: { tag: { type: "strin" } } } }));
    expect(e2.code).toBe("template_schema");
    const doc = templateDoc({ schema: { properties: { tag: {} } } });
    (
      doc.spec as { crd: { spec: { validation: Record<string, unknown> } } }
    ).crd.spec.validation.legacySchema = true;
    expect(() => new ConstraintClient().addTemplate(doc)).not.toThrow();
  });

  it("rejects bad operations", () => {
    expect(addError(templateDoc({ target: { operations: ["CREATE", "PATCH"] } })).code).toBe(
      "template_operations",
    );
    expect(addError(templateDoc({ target: { operations: ["*", "CREATE"] } })).code).toBe(
      "template_operations",
    );
  });

  it("reports Rego compile errors", () => {
    const e = addError(templateDoc({ rego: 'package k8stest\nviolation[{"msg": msg}] { msg := y }' }));
    expect(e.code).toBe("rego_unsafe_var_error");
    expect(e.message).toContain("var y is unsafe");
  });
});

describe("engine selection", () => {
  const both = templateDoc({
    target: {
      rego: undefined,
      code: [
        { engine: "K8sNativeValidation", source: { validations: [{ expression: "true", message: "m" }] } },
        { engine: "Rego", source: { rego: 'package x\nviolation[{"msg": "code"}] { true }', version: "v1" } },
      ],
    },
  });

  it("prefers CEL in auto mode when a CEL driver is available", () => {
    const t = parseTemplate(both);
    expect(selectCode(t, "auto").engine).toBe(CEL_ENGINE);
    expect(selectCode(t, "auto", new Set([REGO_ENGINE])).engine).toBe(REGO_ENGINE);
    expect(selectCode(t, "rego").source.version).toBe("v1");
  });

  it("lets the legacy rego field win over a Rego code entry", () => {
    const t = parseTemplate(
      templateDoc({ target: { code: [{ engine: "Rego", source: { rego: "package code" } }] } }),
    );
    expect(t.code).toHaveLength(1);
    expect(String(selectCode(t, "rego").source.rego)).toContain("package k8stest");
  });

  it("says there is no code for a forced engine", () => {
    expect(() => selectCode(parseTemplate(templateDoc()), "cel")).toThrow(/no code for this engine/);
  });

  it("compiles Rego v1 when source.version is v1", () => {
    const doc = templateDoc({
      target: {
        rego: undefined,
        code: [
          {
            engine: "Rego",
            source: {
              version: "v1",
              rego: 'package x\nviolation contains {"msg": "v1"} if input.review.object.kind == "Pod"',
            },
          },
        ],
      },
    });
    const client = new ConstraintClient();
    client.addTemplate(doc);
    client.addConstraint({
      apiVersion: "constraints.gatekeeper.sh/v1beta1",
      kind: "K8sTest",
      metadata: { name: "c" },
    });
    const r = client.review({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "d" } });
    expect(r.results.map((x) => x.msg)).toEqual(["v1"]);
  });
});
