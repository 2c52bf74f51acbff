import { describe, expect, it } from "vitest";
import { parseConstraint } from "./constraints.js";
import type { JsonObject } from "./driver.js";
import { ConstraintError } from "./errors.js";
import { parseTemplate } from "./templates.js";
import { constraintDoc, templateDoc } from "./test-fixtures.js";

const template = parseTemplate(
  templateDoc({
    schema: {
      type: "object",
      properties: {
        tag: { type: "string" },
        labels: { type: "array", items: { type: "object", properties: { key: { type: "string" } } } },
        free: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
        port: { "x-kubernetes-int-or-string": true },
      },
    },
  }),
);

function error(doc: JsonObject): ConstraintError {
  try {
    parseConstraint(doc, template, { file: "c.yaml" });
  } catch (e: unknown) {
    if (e instanceof ConstraintError) return e;
    throw e;
  }
  throw new Error("expected a ConstraintError");
}

describe("constraint validation", () => {
  it("accepts a valid constraint and defaults parameters and action", () => {
    const c = parseConstraint(
      constraintDoc({ parameters: { tag: "x", free: { any: [1] }, port: 80 } }),
      template,
    );
    expect(c.enforcement.action).toBe("deny");
    expect(parseConstraint(constraintDoc(), template).parameters).toEqual({});
  });

  it("checks parameters against the schema", () => {
    const e = error(constraintDoc({ parameters: { tag: 5, labels: [{ key: 1 }] } }));
    expect(e.code).toBe("constraint_schema");
    expect(e.message).toContain('invalid K8sTest "test-constraint" (c.yaml)');
    expect(e.message).toContain("spec.parameters.tag: must be string");
    expect(e.message).toContain("spec.parameters.labels[0].key: must be string");
  });

  it("reports fields a structural schema does not declare", () => {
    const e = error(constraintDoc({ parameters: { tagg: "x" } }));
    expect(e.code).toBe("constraint_unknown_fields");
    expect(e.message).toContain("spec.parameters.tagg");
  });

  it("rejects an unknown enforcement action", () => {
    const e = error(constraintDoc({ enforcementAction: "block" }));
    expect(e.code).toBe("constraint_enforcement_action");
    expect(e.message).toContain('unrecognized enforcementAction "block"');
  });

  it("requires scopedEnforcementActions for scoped", () => {
    expect(error(constraintDoc({ enforcementAction: "scoped" })).message).toContain(
      "requires spec.scopedEnforcementActions",
    );
    const ok = constraintDoc({
      enforcementAction: "scoped",
      scopedEnforcementActions: [
        { action: "warn", enforcementPoints: [{ name: "validation.gatekeeper.sh" }] },
      ],
    });
    expect(parseConstraint(ok, template).enforcement.scoped).toHaveLength(1);
  });

  it.each([
    [
      { labelSelector: { matchExpressions: [{ key: "a", operator: "In" }] } },
      "must be specified when `operator` is 'In' or 'NotIn'",
    ],
    [
      { labelSelector: { matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] } },
      "may not be specified",
    ],
    [
      { namespaceSelector: { matchExpressions: [{ key: "a", operator: "Has" }] } },
      "must be equal to one of the allowed values",
    ],
    [{ labelSelector: { matchLabels: { "bad key!": "x" } } }, 'Invalid value: "bad key!"'],
  ])("rejects bad selector %j", (match, text) => {
    const e = error(constraintDoc({ match }));
    expect(["constraint_selector", "constraint_schema"]).toContain(e.code);
    expect(e.message).toContain(text);
  });

  it("checks the name, kind, group and version", () => {
    expect(error(constraintDoc({}, "Bad_Name")).code).toBe("constraint_name");
    expect(error(constraintDoc({}, "a".repeat(64))).code).toBe("constraint_name");
    expect(error(constraintDoc({}, "ok", "Other")).code).toBe("constraint_unknown_kind");
    expect(error({ ...constraintDoc(), apiVersion: "constraints.gatekeeper.sh/v1" }).code).toBe(
      "constraint_version",
    );
    expect(error({ ...constraintDoc(), apiVersion: "example.com/v1beta1" }).code).toBe("constraint_group");
  });

  it("rejects a malformed match", () => {
    expect(error(constraintDoc({ match: { scope: "cluster" } })).code).toBe("constraint_schema");
    expect(error(constraintDoc({ match: { namespaces: ["Bad NS"] } })).code).toBe("constraint_schema");
  });
});
