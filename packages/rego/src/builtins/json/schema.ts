import AjvModule, { type ErrorObject, type ValidateFunction } from "ajv";
import { isArray, objectEntries, RegoSet, type Value } from "../../value/value.js";
import { goJsonMarshal } from "../encoding/go-json-marshal.js";
import { goJsonValid } from "../encoding/go-json-parse.js";
import { BuiltinError } from "../errors.js";

/**
 * JSON Schema checks for `json.verify_schema` and `json.match_schema`, validated with ajv and
 * reported the way OPA's gojsonschema does: compile errors with its wording for type keywords,
 * validation errors as `{error, type, field, desc}`. Draft-04 schemas are rewritten to draft-07.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const Ajv = AjvModule.default;
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true, logger: false });
for (const [name, re] of Object.entries({
  "date-time": /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  time: /^\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  email: /^[^\s@]+@[^\s@]+$/,
  hostname:
    /^(?=.{1,253}$)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$/,
  ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,
  // The first run holds no colon, so a long run of colons does not backtrack quadratically.
  ipv6: /^[0-9a-fA-F.]*:[0-9a-fA-F:.]*$/,
  uri: /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/,
  "uri-reference": /^[^\s]*$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
})) {
  ajv.addFormat(name, re);
}

const JSON_TYPES = ["array", "boolean", "integer", "number", "null", "object", "string"];
const CACHE_LIMIT = 64;
const compiled = new Map<string, ValidateFunction>();

/** A Rego value as plain JSON for ajv (sets as arrays, big integers as floats). */
function toPlain(v: Value): Json {
  if (v === null || typeof v === "boolean" || typeof v === "string" || typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (isArray(v) || v instanceof RegoSet) return (isArray(v) ? v : v.values()).map(toPlain);
  const out: { [k: string]: Json } = {};
  for (const [k, x] of objectEntries(v)) {
    Object.defineProperty(out, typeof k === "string" ? k : goJsonMarshal(k), {
      value: toPlain(x),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** OPA's `astValueToJSONSchemaLoader`: a JSON string, object or array. */
export function loadJson(v: Value): Json {
  if (typeof v === "string") {
    if (!goJsonValid(v)) throw new BuiltinError("invalid JSON string");
    return JSON.parse(v) as Json;
  }
  if (v !== null && typeof v === "object" && !(v instanceof RegoSet)) return toPlain(v);
  throw new BuiltinError("wrong type, expected string or object");
}

function isRecord(x: Json): x is { [k: string]: Json } {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

/** gojsonschema's checks of `type` keywords, with its messages, over every subschema. */
function checkTypes(schema: Json): void {
  if (Array.isArray(schema)) {
    for (const s of schema) checkTypes(s);
    return;
  }
  if (!isRecord(schema)) return;
  if (Object.hasOwn(schema, "type")) {
    const t = schema.type as Json;
    const list = typeof t === "string" ? [t] : Array.isArray(t) ? t : undefined;
    if (list === undefined)
      throw new BuiltinError("Invalid type. Expected: string/array of strings, given: type");
    const seen = new Set<string>();
    for (const item of list) {
      if (typeof item !== "string")
        throw new BuiltinError("Invalid type. Expected: string/array of strings, given: type");
      if (!JSON_TYPES.includes(item)) {
        throw new BuiltinError(
          `has a primitive type that is NOT VALID -- given: /${item}/ Expected valid values are:[${JSON_TYPES.join(" ")}]`,
        );
      }
      if (seen.has(item)) throw new BuiltinError(`${item} type is duplicated`);
      seen.add(item);
    }
  }
  for (const [k, x] of Object.entries(schema))
    if (k !== "enum" && k !== "const" && k !== "default") checkTypes(x);
}

/** Rewrites draft-04 idioms (`id`, boolean `exclusiveMinimum`/`exclusiveMaximum`) for draft-07. */
function fromDraft4(s: Json): Json {
  if (Array.isArray(s)) return s.map(fromDraft4);
  if (!isRecord(s)) return s;
  const out: { [k: string]: Json } = {};
  for (const [k, x] of Object.entries(s)) {
    if (k === "id" && typeof x === "string") out.$id = x;
    else if ((k === "exclusiveMinimum" || k === "exclusiveMaximum") && typeof x === "boolean") {
      const bound = s[k === "exclusiveMinimum" ? "minimum" : "maximum"];
      if (x && typeof bound === "number") out[k] = bound;
    } else if (k === "enum" || k === "const" || k === "default") out[k] = x;
    else out[k] = fromDraft4(x);
  }
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (s[flag] === true && typeof s[bound] === "number") delete out[bound];
  }
  return out;
}

/** Compiles a schema (cached by its JSON text); throws `BuiltinError` with the reason it is invalid. */
export function compileSchema(schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  const hit = compiled.get(key);
  if (hit !== undefined) return hit;
  checkTypes(schema);
  let s = schema;
  if (isRecord(s)) {
    const draft = typeof s.$schema === "string" ? s.$schema : "";
    s = draft.includes("draft-04") ? fromDraft4(s) : { ...s };
    if (isRecord(s)) delete s.$schema;
  }
  if (!(typeof s === "boolean" || isRecord(s)))
    throw new BuiltinError("Expected: valid schema, given: Invalid JSON");
  let fn: ValidateFunction;
  try {
    fn = ajv.compile(s);
  } catch (e: unknown) {
    throw new BuiltinError(e instanceof Error ? e.message : String(e));
  }
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(key, fn);
  return fn;
}

function fieldOf(pointer: string): string {
  if (pointer === "") return "(root)";
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
    .join(".");
}

function jsonText(x: unknown): string {
  return JSON.stringify(x) ?? "null";
}

function typeOfInstance(x: Json): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "array";
  if (typeof x === "number") return Number.isInteger(x) ? "integer" : "number";
  return typeof x;
}

function valueAt(doc: Json, pointer: string): Json {
  let cur: Json = doc;
  if (pointer === "") return cur;
  for (const raw of pointer.slice(1).split("/")) {
    const p = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(cur)) cur = cur[Number(p)] ?? null;
    else if (isRecord(cur)) cur = Object.hasOwn(cur, p) ? (cur[p] as Json) : null;
    else return null;
  }
  return cur;
}

/** gojsonschema's `[type, description]` for an ajv error. */
function describe(e: ErrorObject, field: string, doc: Json): [string, string] {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "type": {
      const t = p.type;
      const expected = Array.isArray(t) ? jsonText(t) : String(t);
      return [
        "invalid_type",
        `Invalid type. Expected: ${expected}, given: ${typeOfInstance(valueAt(doc, e.instancePath))}`,
      ];
    }
    case "required":
      return ["required", `${String(p.missingProperty)} is required`];
    case "enum":
      return [
        "enum",
        `${field} must be one of the following: ${(p.allowedValues as unknown[]).map(jsonText).join(", ")}`,
      ];
    case "const":
      return ["const", `${field} does not match: ${jsonText(p.allowedValue)}`];
    case "minLength":
      return ["string_gte", `String length must be greater than or equal to ${p.limit}`];
    case "maxLength":
      return ["string_lte", `String length must be less than or equal to ${p.limit}`];
    case "pattern":
      return ["pattern", `Does not match pattern '${p.pattern}'`];
    case "format":
      return ["format", `Does not match format '${p.format}'`];
    case "minimum":
      return ["number_gte", `Must be greater than or equal to ${p.limit}`];
    case "exclusiveMinimum":
      return ["number_gt", `Must be greater than ${p.limit}`];
    case "maximum":
      return ["number_lte", `Must be less than or equal to ${p.limit}`];
    case "exclusiveMaximum":
      return ["number_lt", `Must be less than ${p.limit}`];
    case "multipleOf":
      return ["multiple_of", `Must be a multiple of ${p.multipleOf}`];
    case "minItems":
      return ["array_min_items", `Array must have at least ${p.limit} items`];
    case "maxItems":
      return ["array_max_items", `Array must have at most ${p.limit} items`];
    case "uniqueItems":
      return ["unique", `array items[${p.j},${p.i}] must be unique`];
    case "minProperties":
      return ["array_min_properties", `Must have at least ${p.limit} properties`];
    case "maxProperties":
      return ["array_max_properties", `Must have at most ${p.limit} properties`];
    case "additionalProperties":
      return [
        "additional_property_not_allowed",
        `Additional property ${String(p.additionalProperty)} is not allowed`,
      ];
    case "additionalItems":
      return ["array_no_additional_items", "No additional items allowed on array"];
    case "anyOf":
      return ["number_any_of", "Must validate at least one schema (anyOf)"];
    case "oneOf":
      return ["number_one_of", "Must validate one and only one schema (oneOf)"];
    case "not":
      return ["number_not", "Must not validate the schema (not)"];
    case "dependencies":
      return ["missing_dependency", `Has a dependency on ${String(p.missingProperty)}`];
    case "contains":
      return ["contains", "At least one of the items must match"];
    case "propertyNames":
      return ["invalid_property_name", `Property name of "${String(p.propertyName)}" does not match`];
    case "if":
      return p.failingKeyword === "else"
        ? ["condition_else", 'Must validate "else" as "if" was not valid']
        : ["condition_then", 'Must validate "then" as "if" was valid'];
    case "false schema":
      return ["false", "False always fails validation"];
    default:
      return ["internal", `Internal Error ${e.message ?? e.keyword}`];
  }
}

/** One error object as OPA returns it from `json.match_schema`. */
export interface SchemaError {
  readonly error: string;
  readonly type: string;
  readonly field: string;
  readonly desc: string;
}

/** Validates a document; the errors in gojsonschema's terms. */
export function validate(fn: ValidateFunction, doc: Json): SchemaError[] {
  if (fn(doc)) return [];
  return (fn.errors ?? [])
    .filter((e) => e.keyword !== "propertyNames" || e.params.propertyName !== undefined)
    .map((e) => {
      const field = fieldOf(e.instancePath);
      const [type, desc] = describe(e, field, doc);
      return { error: `${field}: ${desc}`, type, field, desc };
    });
}
