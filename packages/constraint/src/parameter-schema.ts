import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { JsonObject } from "./driver.js";
import { isObject } from "./json-util.js";

/** Problems found in a constraint's `spec.parameters`. */
export interface ParameterProblems {
  /** Values that break the schema (Gatekeeper's ErrSchema). */
  readonly schema: readonly string[];
  /** Fields a structural schema does not declare (pruned by the API server). */
  readonly unknownFields: readonly string[];
}

/** A template's parameter schema, compiled once. */
export interface ParameterSchema {
  /** The `openAPIV3Schema` as written, or undefined when the template has none. */
  readonly schema: JsonObject | undefined;
  readonly legacySchema: boolean;
  /** Checks `spec.parameters` (undefined when absent). */
  validate(parameters: unknown): ParameterProblems;
}

const PARAMS_PATH = "spec.parameters";
const NO_PROBLEMS: ParameterProblems = { schema: [], unknownFields: [] };

/**
 * Compiles a template's parameter schema with ajv. Unless `legacySchema`, the schema must be
 * structural (a `type` on every node, as Kubernetes requires of v1 templates). Kubernetes
 * extensions (`x-kubernetes-*`, `nullable`) are understood. Throws Error on a malformed schema.
 */
export function compileParameterSchema(
  schema: JsonObject | undefined,
  legacySchema: boolean,
): ParameterSchema {
  if (schema === undefined) return { schema, legacySchema, validate: () => NO_PROBLEMS };
  if (!legacySchema) {
    const problems: string[] = [];
    checkStructural(schema, PARAMS_PATH, problems);
    if (problems.length > 0) throw new Error(`schema must be structural: ${problems.join("; ")}`);
  }
  const ajv = sharedAjv();
  const jsonSchema = toJsonSchema(schema) as Record<string, unknown>;
  // A malformed schema is an error now; the validator itself (ajv generates code, the costly part)
  // is built when a constraint first brings parameters.
  if (!ajv.validateSchema(jsonSchema)) throw new Error(`schema is invalid: ${ajv.errorsText(ajv.errors)}`);
  let compiled: ValidateFunction | string | undefined;
  const validator = (): ValidateFunction | string => {
    if (compiled === undefined) {
      try {
        compiled = ajv.compile(jsonSchema);
      } catch (e: unknown) {
        compiled = `invalid parameter schema: ${e instanceof Error ? e.message : String(e)}`;
      } finally {
        // The compiled function keeps working; dropping the cache entry keeps reloads from growing it.
        ajv.removeSchema(jsonSchema);
      }
    }
    return compiled;
  };
  return {
    schema,
    legacySchema,
    validate(parameters: unknown): ParameterProblems {
      if (parameters === undefined) return NO_PROBLEMS;
      const check = validator();
      if (typeof check === "string") return { schema: [check], unknownFields: [] };
      const schemaProblems = check(parameters) ? [] : formatAjvErrors(check.errors ?? []);
      const unknownFields: string[] = [];
      if (!legacySchema) collectUnknownFields(parameters, schema, PARAMS_PATH, unknownFields);
      return { schema: schemaProblems, unknownFields };
    },
  };
}

function isPreserve(node: JsonObject): boolean {
  return node["x-kubernetes-preserve-unknown-fields"] === true;
}

function checkStructural(node: unknown, path: string, problems: string[]): void {
  if (!isObject(node)) {
    problems.push(`${path}: must be a schema object`);
    return;
  }
  const typed = typeof node.type === "string" && node.type !== "";
  if (!typed && node["x-kubernetes-int-or-string"] !== true && !isPreserve(node)) {
    problems.push(`${path}.type: Required value: must not be empty for specified object fields`);
  }
  if (node.type !== undefined && typeof node.type !== "string")
    problems.push(`${path}.type: must be a string`);
  if (
    isObject(node.properties) &&
    node.additionalProperties !== undefined &&
    node.additionalProperties !== false
  ) {
    problems.push(`${path}: additionalProperties and properties are mutually exclusive`);
  }
  if (node.properties !== undefined) {
    if (!isObject(node.properties)) problems.push(`${path}.properties: must be an object`);
    else
      for (const [k, v] of Object.entries(node.properties))
        checkStructural(v, `${path}.properties[${k}]`, problems);
  }
  if (isObject(node.additionalProperties))
    checkStructural(node.additionalProperties, `${path}.additionalProperties`, problems);
  if (node.items !== undefined) {
    if (Array.isArray(node.items)) problems.push(`${path}.items: must be a schema, not a list`);
    else checkStructural(node.items, `${path}.items`, problems);
  }
}

const SCHEMA_MAPS = ["properties", "patternProperties", "definitions"] as const;
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf"] as const;
const SCHEMA_ONES = ["additionalProperties", "not", "additionalItems"] as const;

/** Rewrites an OpenAPI v3 (Kubernetes) schema into plain JSON Schema for ajv. */
function toJsonSchema(node: unknown): unknown {
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith("x-kubernetes-") || k === "nullable") continue;
    if ((SCHEMA_MAPS as readonly string[]).includes(k) && isObject(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, toJsonSchema(pv)]));
    } else if ((SCHEMA_LISTS as readonly string[]).includes(k) && Array.isArray(v)) {
      out[k] = v.map(toJsonSchema);
    } else if ((SCHEMA_ONES as readonly string[]).includes(k) || k === "items") {
      out[k] = Array.isArray(v) ? v.map(toJsonSchema) : toJsonSchema(v);
    } else {
      out[k] = v;
    }
  }
  if (node["x-kubernetes-int-or-string"] === true) {
    delete out.type;
    out.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  if (node.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
  return out;
}

function collectUnknownFields(value: unknown, node: unknown, path: string, out: string[]): void {
  if (!isObject(node) || isPreserve(node) || value === null) return;
  if (Array.isArray(value)) {
    if (node.items !== undefined && !Array.isArray(node.items)) {
      const items: readonly unknown[] = value;
      for (const [i, item] of items.entries()) collectUnknownFields(item, node.items, `${path}[${i}]`, out);
    }
    return;
  }
  if (!isObject(value)) return;
  const props = isObject(node.properties) ? node.properties : undefined;
  const additional = node.additionalProperties;
  for (const [k, v] of Object.entries(value)) {
    const child = props?.[k];
    if (child !== undefined) collectUnknownFields(v, child, `${path}.${k}`, out);
    else if (isObject(additional)) collectUnknownFields(v, additional, `${path}.${k}`, out);
    else if (additional !== true) out.push(`${path}.${k}`);
  }
}

function pointerToPath(pointer: string): string {
  let path = PARAMS_PATH;
  if (pointer === "") return path;
  for (const raw of pointer.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    path += /^\d+$/.test(seg) ? `[${seg}]` : `.${seg}`;
  }
  return path;
}

function formatAjvErrors(errors: readonly ErrorObject[]): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const at = pointerToPath(e.instancePath);
    const params = e.params as Record<string, unknown>;
    if (e.keyword === "required") out.push(`${at}.${String(params.missingProperty)}: Required value`);
    else if (e.keyword === "enum") {
      const allowed = Array.isArray(params.allowedValues)
        ? params.allowedValues.map((v) => JSON.stringify(v))
        : [];
      out.push(`${at}: Unsupported value: must be one of ${allowed.join(", ")}`);
    } else if (e.keyword === "additionalProperties")
      out.push(`${at}.${String(params.additionalProperty)}: field not declared in schema`);
    else out.push(`${at}: ${e.message ?? e.keyword}`);
  }
  return [...new Set(out)];
}

let ajvInstance: Ajv | undefined;

/** One Ajv for all templates: creating one (and its meta-schemas) per template costs ~20 ms each. */
function sharedAjv(): Ajv {
  if (ajvInstance === undefined) {
    ajvInstance = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: true });
  }
  return ajvInstance;
}
