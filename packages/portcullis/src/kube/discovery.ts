import { isObject, stringItems } from "@portcullis/constraint";
import type { ObjectKind } from "../audit/object-source.js";

/** A kind the API server lists, and where: its resource name and whether it is namespaced. */
export interface ListableResource extends ObjectKind {
  /** The plural resource name in list paths (`pods`). */
  readonly resource: string;
  readonly namespaced: boolean;
}

/** The `list`-able top-level resources of an APIResourceList (`/api/v1`, `/apis/g/v`), by kind. */
export function listableResources(group: string, version: string, list: unknown): ListableResource[] {
  const resources = isObject(list) && Array.isArray(list.resources) ? list.resources : [];
  const out: ListableResource[] = [];
  for (const r of resources) {
    if (!isObject(r) || typeof r.name !== "string" || typeof r.kind !== "string") continue;
    // `pods/status` and the like are subresources, not lists of objects.
    if (r.name.includes("/") || !stringItems(r.verbs).includes("list")) continue;
    out.push({ group, version, kind: r.kind, resource: r.name, namespaced: r.namespaced === true });
  }
  return out;
}

/** The group versions to discover from an APIGroupList (`/apis`): each group's preferred version. */
export function preferredGroupVersions(groups: unknown): { group: string; version: string }[] {
  const list = isObject(groups) && Array.isArray(groups.groups) ? groups.groups : [];
  const out: { group: string; version: string }[] = [];
  for (const g of list) {
    if (!isObject(g) || typeof g.name !== "string") continue;
    const preferred = isObject(g.preferredVersion) ? g.preferredVersion.version : undefined;
    const first = Array.isArray(g.versions) && isObject(g.versions[0]) ? g.versions[0].version : undefined;
    const version = typeof preferred === "string" ? preferred : typeof first === "string" ? first : undefined;
    if (version !== undefined) out.push({ group: g.name, version });
  }
  return out;
}

/** The path listing a resource across all namespaces, one page of `limit` from `continue`. */
export function listPath(r: ListableResource, limit: number, cont?: string): string {
  const base = r.group === "" ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  const query = new URLSearchParams({ limit: String(limit) });
  if (cont !== undefined) query.set("continue", cont);
  return `${base}/${r.resource}?${query.toString()}`;
}
