import { ToolError } from "./errors.js";

/** A JSON object as parsed from a data file. */
export type JsonObject = { [key: string]: unknown };

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(x: unknown): x is JsonObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * Merges a data file's document into `root` under `path` (OPA's loader: a file found in directory
 * `a/b` below a `-d` root lands at `data.a.b`; a file given directly lands at the root, so it must
 * hold an object). Objects merge key by key; any other clash is a merge error. Mutates `root`.
 */
export function mergeDocument(root: JsonObject, path: readonly string[], doc: unknown, file: string): void {
  let wrapped: unknown = doc;
  for (let i = path.length - 1; i >= 0; i--) wrapped = setOwn({}, path[i] as string, wrapped);
  if (!isJsonObject(wrapped)) {
    throw new ToolError(
      "unsupported_document",
      "unsupported document type: a data file loaded at the root of data must hold an object",
      file,
    );
  }
  mergeInto(root, wrapped, file, []);
}

function mergeInto(target: JsonObject, source: JsonObject, file: string, at: readonly string[]): void {
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (!Object.hasOwn(target, key)) {
      setOwn(target, key, incoming);
      continue;
    }
    const existing = target[key];
    if (isJsonObject(existing) && isJsonObject(incoming)) {
      mergeInto(existing, incoming, file, [...at, key]);
      continue;
    }
    throw new ToolError(
      "data_merge_error",
      `merge error: data.${[...at, key].join(".")} is already defined by another file`,
      file,
    );
  }
}

/** Sets an own property, even one named `__proto__`. */
function setOwn(o: JsonObject, key: string, value: unknown): JsonObject {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  return o;
}
