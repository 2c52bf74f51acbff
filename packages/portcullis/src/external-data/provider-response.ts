/**
 * Reads a provider's answer as Go's `json.Unmarshal` reads it into frameworks'
 * `ProviderResponse`: field names match case-insensitively, null leaves a field as it is, and the
 * first field of the wrong type is the error, named as Go names it.
 */
import type { ProviderItem } from "@portcullis/constraint";
import { fromJs, type Value } from "@portcullis/rego";

/** The parts of a `ProviderResponse` a reply keeps. */
export interface DecodedResponse {
  readonly idempotent: boolean;
  readonly items: readonly ProviderItem[];
  readonly systemError: string;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The word Go's `UnmarshalTypeError` uses for a JSON value. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "number":
      return "number";
    case "string":
      return "string";
    default:
      return "object";
  }
}

/** Keeps the first type error, as Go's decoder does while it goes on decoding. */
class TypeErrors {
  first: string | undefined;

  note(v: unknown, struct: string, field: string, type: string): void {
    this.first ??= `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${struct}.${field} of type ${type}`;
  }
}

/** Calls `visit` with each field of `o` that names one of `fields` (ignoring case), in order. */
function eachField<F extends string>(
  o: Json,
  fields: readonly F[],
  visit: (field: F, v: unknown) => void,
): void {
  for (const [key, v] of Object.entries(o)) {
    const lower = key.toLowerCase();
    const field = fields.find((f) => f.toLowerCase() === lower);
    if (field !== undefined) visit(field, v);
  }
}

function decodeItem(o: Json, errors: TypeErrors): ProviderItem {
  let key: Value = null;
  let value: Value = null;
  let error = "";
  eachField(o, ["key", "value", "error"] as const, (field, v) => {
    if (field === "key") key = fromJs(v);
    else if (field === "value") value = fromJs(v);
    else if (typeof v === "string") error = v;
    else if (v !== null) errors.note(v, "Item", "response.items.error", "string");
  });
  return { key, value, error };
}

function decodeItems(list: readonly unknown[], errors: TypeErrors): ProviderItem[] {
  return list.map((element) => {
    if (isObject(element)) return decodeItem(element, errors);
    if (element !== null) errors.note(element, "Response", "response.items", "externaldata.Item");
    return { key: null, value: null, error: "" };
  });
}

interface MutableResponse {
  idempotent: boolean;
  items: readonly ProviderItem[];
  systemError: string;
}

function decodeResponse(o: Json, into: MutableResponse, errors: TypeErrors): void {
  eachField(o, ["idempotent", "items", "systemError"] as const, (field, v) => {
    if (v === null) {
      if (field === "items") into.items = [];
    } else if (field === "idempotent") {
      if (typeof v === "boolean") into.idempotent = v;
      else errors.note(v, "Response", "response.idempotent", "bool");
    } else if (field === "items") {
      if (Array.isArray(v)) into.items = decodeItems(v, errors);
      else errors.note(v, "Response", "response.items", "[]externaldata.Item");
    } else if (typeof v === "string") into.systemError = v;
    else errors.note(v, "Response", "response.systemError", "string");
  });
}

/**
 * Decodes a provider's response body. Returns the response, or the reason it does not decode
 * (JSON syntax, or Go's message for the first field of the wrong type).
 */
export function decodeProviderResponse(
  text: string,
): { readonly response: DecodedResponse } | { readonly error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  const response: MutableResponse = { idempotent: false, items: [], systemError: "" };
  if (parsed === null) return { response };
  if (!isObject(parsed))
    return {
      error: `json: cannot unmarshal ${jsonKind(parsed)} into Go value of type externaldata.ProviderResponse`,
    };
  const errors = new TypeErrors();
  eachField(parsed, ["apiVersion", "kind", "response"] as const, (field, v) => {
    if (v === null) return;
    if (field === "response") {
      if (isObject(v)) decodeResponse(v, response, errors);
      else errors.note(v, "ProviderResponse", "response", "externaldata.Response");
    } else if (typeof v !== "string") errors.note(v, "ProviderResponse", field, "string");
  });
  return errors.first === undefined ? { response } : { error: errors.first };
}
