import { describe, expect, it } from "vitest";
import { parametersSchema, templateCode } from "./template-code.js";

const target = "admission.k8s.gatekeeper.sh";

describe("templateCode", () => {
  it("reads Rego source and libraries from code entries", () => {
    const doc = {
      spec: {
        targets: [
          {
            target,
            code: [
              {
                engine: "Rego",
                source: { rego: "package a\n", libs: ["package lib.a\n", 7, "package lib.b\n"] },
              },
            ],
          },
        ],
      },
    };
    expect(templateCode(doc)).toEqual([
      {
        target,
        engine: "Rego",
        legacy: false,
        blocks: [
          { label: "rego", text: "package a\n" },
          { label: "libs[0]", text: "package lib.a\n" },
          { label: "libs[2]", text: "package lib.b\n" },
        ],
      },
    ]);
  });

  it("reads the Rego older templates put in the target, before the code entries", () => {
    const doc = {
      spec: {
        targets: [
          {
            target,
            rego: "package old\n",
            libs: ["package lib\n"],
            code: [{ engine: "K8sNativeValidation", source: { validations: [{ expression: "true" }] } }],
          },
        ],
      },
    };
    const sections = templateCode(doc);
    expect(sections.map((s) => [s.engine, s.legacy])).toEqual([
      ["Rego", true],
      ["K8sNativeValidation", false],
    ]);
    expect(sections[0]?.blocks.map((b) => b.label)).toEqual(["rego", "libs[0]"]);
  });

  it("reads CEL variables and validations with their messages", () => {
    const doc = {
      spec: {
        targets: [
          {
            target,
            code: [
              {
                engine: "K8sNativeValidation",
                source: {
                  variables: [{ name: "containers", expression: "object.spec.containers" }],
                  validations: [
                    {
                      expression: "variables.containers.all(c, has(c.image))",
                      message: "images are required",
                    },
                    { expression: "false", messageExpression: "'no: ' + object.metadata.name" },
                  ],
                },
              },
            ],
          },
        ],
      },
    };
    expect(templateCode(doc)[0]?.blocks).toEqual([
      { label: "variable", text: "containers: object.spec.containers" },
      {
        label: "validation 1",
        text: "expression: variables.containers.all(c, has(c.image))\nmessage: images are required",
      },
      { label: "validation 2", text: "expression: false\nmessageExpression: 'no: ' + object.metadata.name" },
    ]);
  });

  it("shows another engine's source as JSON, and nothing for a template without targets", () => {
    const doc = { spec: { targets: [{ target, code: [{ engine: "Other", source: { x: 1 } }] }] } };
    expect(templateCode(doc)[0]?.blocks).toEqual([{ label: "source", text: '{\n  "x": 1\n}' }]);
    expect(templateCode({})).toEqual([]);
    expect(templateCode({ spec: { targets: "oops" } })).toEqual([]);
    expect(templateCode(null)).toEqual([]);
  });
});

describe("parametersSchema", () => {
  it("reads the openAPIV3Schema, undefined when absent", () => {
    const schema = { type: "object", properties: { labels: { type: "array" } } };
    expect(
      parametersSchema({ spec: { crd: { spec: { validation: { openAPIV3Schema: schema } } } } }),
    ).toEqual(schema);
    expect(parametersSchema({ spec: { crd: { spec: { names: { kind: "K" } } } } })).toBeUndefined();
  });
});
