import type { JsonObject } from "@portcullis/constraint";
import { kindKey, type ObjectKind, type ObjectPage } from "./object-source.js";

/** Objects grouped by `group/version/kind`, in the order first seen. */
export type ByKind = Map<string, { readonly kind: ObjectKind; readonly objects: JsonObject[] }>;

/** The kind of an object from its apiVersion and kind; undefined when either is missing. */
export function objectKind(obj: JsonObject): ObjectKind | undefined {
  const apiVersion = obj.apiVersion;
  const kind = obj.kind;
  if (typeof apiVersion !== "string" || apiVersion === "" || typeof kind !== "string" || kind === "")
    return undefined;
  const i = apiVersion.indexOf("/");
  return i < 0
    ? { group: "", version: apiVersion, kind }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1), kind };
}

/** Groups objects by kind; objects without apiVersion or kind are left out. */
export function groupByKind(objects: Iterable<JsonObject>): ByKind {
  const byKind: ByKind = new Map();
  for (const obj of objects) {
    const kind = objectKind(obj);
    if (kind === undefined) continue;
    const key = kindKey(kind);
    const list = byKind.get(key);
    if (list) list.objects.push(obj);
    else byKind.set(key, { kind, objects: [obj] });
  }
  return byKind;
}

/** One page of a kind's objects; the continue token is the offset of the next page. */
export function pageOf(
  byKind: ByKind,
  kind: ObjectKind,
  options: { readonly limit: number; readonly continue?: string },
): ObjectPage {
  const objects = byKind.get(kindKey(kind))?.objects ?? [];
  const from = options.continue === undefined ? 0 : Number.parseInt(options.continue, 10) || 0;
  const limit = options.limit > 0 ? options.limit : objects.length;
  const to = Math.min(objects.length, from + limit);
  const page = objects.slice(from, to);
  return to < objects.length ? { objects: page, continue: String(to) } : { objects: page };
}
