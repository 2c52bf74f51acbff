/** Reads and validates a `K8sNativeValidation` code entry's `source` object. */
import { type JsonObject, TemplateError } from "../driver.js";

/** Prefix reserved for Gatekeeper's own variables and match conditions. */
export const RESERVED_PREFIX = "gatekeeper_internal_";

export interface CelValidation {
  readonly expression: string;
  readonly message: string;
  readonly messageExpression: string;
}

export interface CelNamed {
  readonly name: string;
  readonly expression: string;
}

export type FailurePolicy = "Fail" | "Ignore";

/** The typed source. */
export interface CelSource {
  readonly validations: readonly CelValidation[];
  readonly variables: readonly CelNamed[];
  readonly matchConditions: readonly CelNamed[];
  readonly failurePolicy: FailurePolicy;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function list(src: JsonObject, key: string, where: string): JsonObject[] {
  const v = src[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v))
    throw new TemplateError("cel_invalid_source", `${where}: source.${key} must be a list`);
  return v.map((x, i) => {
    if (!isObject(x))
      throw new TemplateError("cel_invalid_source", `${where}: source.${key}[${i}] must be an object`);
    return x;
  });
}

function str(o: JsonObject, key: string, path: string, required: boolean): string {
  const v = o[key];
  if (v === undefined || v === null) {
    if (required) throw new TemplateError("cel_invalid_source", `${path}.${key} is required`);
    return "";
  }
  if (typeof v !== "string") throw new TemplateError("cel_invalid_source", `${path}.${key} must be a string`);
  return v;
}

/**
 * Validates a source. `defaultFailurePolicy` stands for Gatekeeper's
 * `--default-k8s-native-validation-failure-policy` (Fail unless set).
 */
export function readSource(
  src: JsonObject,
  where: string,
  defaultFailurePolicy: FailurePolicy = "Fail",
): CelSource {
  const validations = list(src, "validations", where).map((v, i) => {
    const path = `${where}: validations[${i}]`;
    return {
      expression: str(v, "expression", path, true),
      message: str(v, "message", path, false),
      messageExpression: str(v, "messageExpression", path, false),
    };
  });
  const variables = list(src, "variables", where).map((v, i) => {
    const path = `${where}: variables[${i}]`;
    const name = str(v, "name", path, true);
    if (name.startsWith(RESERVED_PREFIX))
      throw new TemplateError(
        "cel_bad_variable",
        `${path}: ${name} is not a valid variable; cannot have "${RESERVED_PREFIX}" as a prefix`,
      );
    if (name === "params" || name === "anyObject")
      throw new TemplateError(
        "cel_bad_variable",
        `${path}: ${name} an invalid variable name, "${name}" is a reserved keyword`,
      );
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name))
      throw new TemplateError(
        "cel_bad_variable",
        `${path}: ${JSON.stringify(name)} is not a valid CEL identifier`,
      );
    return { name, expression: str(v, "expression", path, true) };
  });
  const seen = new Set<string>();
  for (const v of variables) {
    if (seen.has(v.name))
      throw new TemplateError("cel_bad_variable", `${where}: variable ${v.name} is defined twice`);
    seen.add(v.name);
  }
  // Gatekeeper's JSON key is the singular `matchCondition`; the VAP-style plural is accepted too.
  const conditionKey = src.matchCondition !== undefined ? "matchCondition" : "matchConditions";
  const matchConditions = list(src, conditionKey, where).map((v, i) => {
    const path = `${where}: ${conditionKey}[${i}]`;
    const name = str(v, "name", path, false);
    if (name.startsWith(RESERVED_PREFIX))
      throw new TemplateError(
        "cel_bad_match_condition",
        `${path}: ${name} is not a valid match condition; cannot have "${RESERVED_PREFIX}" as a prefix`,
      );
    return { name, expression: str(v, "expression", path, true) };
  });
  const fp = src.failurePolicy;
  let failurePolicy = defaultFailurePolicy;
  if (fp !== undefined && fp !== null) {
    if (fp !== "Fail" && fp !== "Ignore")
      throw new TemplateError(
        "cel_bad_failure_policy",
        `${where}: unrecognized failure policy: ${String(fp)}`,
      );
    failurePolicy = fp;
  }
  return { validations, variables, matchConditions, failurePolicy };
}
