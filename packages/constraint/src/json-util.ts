import type { JsonObject } from "./driver.js";

/** True for a non-null, non-array object. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `o[key]` when it is an object, else undefined. */
export function objectAt(o: unknown, key: string): JsonObject | undefined {
  if (!isObject(o)) return undefined;
  const v = o[key];
  return isObject(v) ? v : undefined;
}

/** `o[key]` when it is a string, else undefined. */
export function stringAt(o: unknown, key: string): string | undefined {
  if (!isObject(o)) return undefined;
  const v = o[key];
  return typeof v === "string" ? v : undefined;
}

/** `o[key]` when it is an array, else undefined. */
export function arrayAt(o: unknown, key: string): readonly unknown[] | undefined {
  if (!isObject(o)) return undefined;
  const v = o[key];
  return Array.isArray(v) ? v : undefined;
}

/** Follows a path of keys through nested objects. */
export function pathAt(o: unknown, ...path: readonly string[]): unknown {
  let cur: unknown = o;
  for (const k of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** The strings of a list (others dropped); [] for anything that is not a list. */
export function stringItems(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
}

/** Splits `apiVersion` into group and version (`v1` → core group ""). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  if (slash < 0) return { group: "", version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Metadata of a Kubernetes object: name, namespace, generateName, labels. */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace: string;
  readonly generateName: string;
  readonly labels: Readonly<Record<string, string>>;
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze(labelMap());

/** An empty string map without a prototype, so that keys such as `constructor` read as absent. */
export function labelMap(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** Reads `metadata` leniently: missing or mistyped fields read as empty. */
export function objectMeta(obj: unknown): ObjectMeta {
  const md = objectAt(obj, "metadata");
  const rawLabels = objectAt(md, "labels");
  let labels = NO_LABELS;
  if (rawLabels !== undefined) {
    const out = labelMap();
    for (const [k, v] of Object.entries(rawLabels)) if (typeof v === "string") out[k] = v;
    labels = out;
  }
  return {
    name: stringAt(md, "name") ?? "",
    namespace: stringAt(md, "namespace") ?? "",
    generateName: stringAt(md, "generateName") ?? "",
    labels,
  };
}
