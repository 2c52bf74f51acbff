import type { JsonObject } from "./driver.js";
import type { ParsedTemplate } from "./templates.js";

/** API group of constraints. */
export const CONSTRAINTS_GROUP = "constraints.gatekeeper.sh";

/** The CRD pattern of wildcard fields (namespaces, excludedNamespaces, name). */
export const WILDCARD_PATTERN = "^\\*?[-:a-z0-9]*\\*?$";

const stringList = (): JsonObject => ({ type: "array", items: { type: "string" } });

const labelSelectorSchema = (): JsonObject => ({
  type: "object",
  properties: {
    matchLabels: { type: "object", additionalProperties: { type: "string" } },
    matchExpressions: {
      type: "array",
      items: {
        type: "object",
        properties: {
          key: { type: "string" },
          operator: { type: "string", enum: ["In", "NotIn", "Exists", "DoesNotExist"] },
          values: stringList(),
        },
      },
    },
  },
});

const wildcardList = (): JsonObject => ({
  type: "array",
  items: { type: "string", pattern: WILDCARD_PATTERN },
});

/** The `spec.match` schema of the admission target (b4). */
export function matchSchema(): JsonObject {
  return {
    type: "object",
    properties: {
      kinds: {
        type: "array",
        items: { type: "object", properties: { apiGroups: stringList(), kinds: stringList() } },
      },
      scope: { type: "string", enum: ["*", "Cluster", "Namespaced"] },
      namespaces: wildcardList(),
      excludedNamespaces: wildcardList(),
      labelSelector: labelSelectorSchema(),
      namespaceSelector: labelSelectorSchema(),
      name: { type: "string", pattern: WILDCARD_PATTERN },
      source: { type: "string", enum: ["All", "Generated", "Original"] },
    },
  };
}

/** The OpenAPI schema of a constraint of `template` (spec: match, enforcementAction, scoped actions, parameters). */
export function constraintSchema(template: ParsedTemplate): JsonObject {
  const spec: Record<string, unknown> = {
    match: matchSchema(),
    enforcementAction: { type: "string", default: "deny" },
    scopedEnforcementActions: {
      type: "array",
      items: {
        type: "object",
        properties: {
          action: { type: "string" },
          enforcementPoints: {
            type: "array",
            items: { type: "object", properties: { name: { type: "string" } } },
          },
        },
      },
    },
  };
  const params = template.parameters.schema;
  if (params !== undefined) {
    spec.parameters = template.parameters.legacySchema
      ? { ...params, "x-kubernetes-preserve-unknown-fields": true }
      : params;
  }
  return {
    type: "object",
    properties: {
      metadata: { type: "object", properties: { name: { type: "string", maxLength: 63 } } },
      spec: { type: "object", properties: spec },
      status: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
    },
  };
}

/**
 * The CustomResourceDefinition Gatekeeper creates for a template (b1): group
 * constraints.gatekeeper.sh, plural/singular the lowercased kind, categories `constraint` and
 * `constraints`, cluster-scoped, v1beta1 (storage) and v1alpha1 served, status subresource,
 * printer columns for the enforcement action and total violations.
 */
export function constraintCrd(template: ParsedTemplate): JsonObject {
  const plural = template.kind.toLowerCase();
  const schema = constraintSchema(template);
  const columns = [
    { name: "enforcement-action", type: "string", jsonPath: ".spec.enforcementAction" },
    { name: "total-violations", type: "integer", jsonPath: ".status.totalViolations" },
  ];
  const version = (name: string, storage: boolean): JsonObject => ({
    name,
    served: true,
    storage,
    schema: { openAPIV3Schema: schema },
    subresources: { status: {} },
    additionalPrinterColumns: columns,
  });
  const names: Record<string, unknown> = {
    kind: template.kind,
    listKind: `${template.kind}List`,
    plural,
    singular: plural,
    categories: ["constraint", "constraints"],
  };
  if (template.shortNames.length > 0) names.shortNames = [...template.shortNames];
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: {
      name: `${plural}.${CONSTRAINTS_GROUP}`,
      labels: { ...template.labels, "gatekeeper.sh/constraint": "yes" },
    },
    spec: {
      group: CONSTRAINTS_GROUP,
      names,
      scope: "Cluster",
      preserveUnknownFields: false,
      versions: [version("v1beta1", true), version("v1alpha1", false)],
    },
  };
}
