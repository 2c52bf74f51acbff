import type { JsonObject } from "./driver.js";
import { isObject, objectAt, stringAt, stringItems } from "./json-util.js";

/** The API group of Gatekeeper's ExpansionTemplates. */
export const EXPANSION_GROUP = "expansion.gatekeeper.sh";

/** A group, version and kind. */
export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** A parsed `ExpansionTemplate` (expansion.gatekeeper.sh v1alpha1 and v1beta1). */
export interface ExpansionTemplate {
  readonly name: string;
  /** The document as given. */
  readonly object: JsonObject;
  /** `spec.applyTo`: an object expands when its group, version and kind are each listed in one entry. */
  readonly applyTo: readonly {
    readonly groups: readonly string[];
    readonly versions: readonly string[];
    readonly kinds: readonly string[];
  }[];
  /** `spec.templateSource` split at dots, e.g. `["spec", "template"]`. */
  readonly source: readonly string[];
  readonly generated: GroupVersionKind;
  /** `spec.enforcementAction`: replaces the action of the generated object's results; "" keeps them. */
  readonly enforcementAction: string;
}

/** Stable codes of {@link ExpansionError}. */
export type ExpansionErrorCode = "expansion_template_invalid" | "expansion_cycle" | "expansion_failed";

/** An ExpansionTemplate Gatekeeper would refuse, or an object it could not expand. */
export class ExpansionError extends Error {
  readonly code: ExpansionErrorCode;

  constructor(code: ExpansionErrorCode, message: string) {
    super(message);
    this.name = "ExpansionError";
    this.code = code;
  }
}

/** Go's text of a GroupVersionKind (`%v`). */
function gvkText(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}, Kind=${gvk.kind}`;
}

/** Reads an ExpansionTemplate document; throws {@link ExpansionError} where Gatekeeper refuses one. */
export function parseExpansionTemplate(doc: unknown): ExpansionTemplate {
  const invalid = (message: string): ExpansionError =>
    new ExpansionError("expansion_template_invalid", message);
  const name = stringAt(objectAt(doc, "metadata"), "name") ?? "";
  if (name === "") throw invalid("ExpansionTemplate has empty name field");
  if (name.length >= 64) throw invalid("ExpansionTemplate name must be less than 64 characters");
  const spec = objectAt(doc, "spec");
  const source = stringAt(spec, "templateSource") ?? "";
  if (source === "") throw invalid(`ExpansionTemplate ${name} has empty source field`);
  const gvk = objectAt(spec, "generatedGVK");
  const generated = {
    group: stringAt(gvk, "group") ?? "",
    version: stringAt(gvk, "version") ?? "",
    kind: stringAt(gvk, "kind") ?? "",
  };
  if (generated.group === "" && generated.version === "" && generated.kind === "")
    throw invalid(`ExpansionTemplate ${name} has empty generatedGVK field`);
  const applyTo = (Array.isArray(spec?.applyTo) ? spec.applyTo : []).filter(isObject).map((a) => ({
    groups: stringItems(a.groups),
    versions: stringItems(a.versions),
    kinds: stringItems(a.kinds),
  }));
  if (applyTo.length === 0) throw invalid(`ExpansionTemplate ${name} must specify ApplyTo`);
  const t: ExpansionTemplate = {
    name,
    object: isObject(doc) ? doc : {},
    applyTo,
    source: source.split("."),
    generated,
    enforcementAction: stringAt(spec, "enforcementAction") ?? "",
  };
  if (expandsKind(t, generated))
    throw invalid(
      `ExpansionTemplate ${name} generates GVK ${gvkText(generated)}, but also applies to that same GVK`,
    );
  return t;
}

/** Whether a template applies to objects of `gvk` (exact names: Gatekeeper allows no globs here). */
export function expandsKind(t: ExpansionTemplate, gvk: GroupVersionKind): boolean {
  return t.applyTo.some(
    (a) => a.groups.includes(gvk.group) && a.versions.includes(gvk.version) && a.kinds.includes(gvk.kind),
  );
}

/**
 * The names of templates that take part in a cycle (one generates what another applies to, and
 * so on back to the first), which Gatekeeper leaves out of expansion while the cycle lasts.
 */
export function templatesInCycles(templates: Iterable<ExpansionTemplate>): Set<string> {
  const all = [...templates];
  const next = new Map(all.map((t) => [t.name, all.filter((u) => expandsKind(u, t.generated))]));
  const inCycle = new Set<string>();
  for (const start of all) {
    const seen = new Set<string>();
    const stack = [...(next.get(start.name) ?? [])];
    for (let t = stack.pop(); t !== undefined; t = stack.pop()) {
      if (t.name === start.name) {
        inCycle.add(start.name);
        break;
      }
      if (seen.has(t.name)) continue;
      seen.add(t.name);
      stack.push(...(next.get(t.name) ?? []));
    }
  }
  return inCycle;
}

/** An object generated from another by an ExpansionTemplate, as Gatekeeper mocks it. */
export interface Resultant {
  readonly object: JsonObject;
  /** The generated object's group, version and kind. */
  readonly kind: GroupVersionKind;
  readonly templateName: string;
  readonly enforcementAction: string;
}

/** A reference to the object a generated one came from. */
interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

/** The owner reference Gatekeeper adds to a generated object, when its parent names itself fully. */
function ownerReference(parent: JsonObject, name: string): OwnerReference | undefined {
  const apiVersion = stringAt(parent, "apiVersion") ?? "";
  const kind = stringAt(parent, "kind") ?? "";
  if (apiVersion === "" || kind === "" || name === "") return undefined;
  return { apiVersion, kind, name, uid: "" };
}

function withOwner(refs: unknown, owner: OwnerReference): unknown[] {
  const list: unknown[] = Array.isArray(refs) ? refs : [];
  const known = list.some(
    (r) =>
      stringAt(r, "apiVersion") === owner.apiVersion &&
      stringAt(r, "kind") === owner.kind &&
      stringAt(r, "name") === owner.name,
  );
  return known ? list : [...list, owner];
}

/**
 * The object `t` generates from `object`: the value at its source path, with the generated
 * apiVersion and kind, the name `<object name>-<kind>` in lower case (a Deployment `nginx` makes
 * a Pod `nginx-pod`), an owner reference to `object`, and `namespace`, else the object's own
 * namespace (with neither, cluster-scoped). Throws {@link ExpansionError} when the source field
 * is missing.
 */
export function expandObject(t: ExpansionTemplate, object: JsonObject, namespace: string): Resultant {
  let src: unknown = object;
  for (const key of t.source) src = isObject(src) ? src[key] : undefined;
  const md = objectAt(object, "metadata");
  const parentName = stringAt(md, "name") ?? "";
  if (!isObject(src))
    throw new ExpansionError(
      "expansion_failed",
      `could not find source field "${t.source.join(".")}" in resource ${parentName}`,
    );
  const { group, version, kind } = t.generated;
  const metadata: JsonObject = { ...(objectAt(src, "metadata") ?? {}) };
  const ns = namespace !== "" ? namespace : stringAt(md, "namespace");
  if (ns === "") delete metadata.namespace;
  else if (ns !== undefined) metadata.namespace = ns;
  metadata.name = (kind === "" ? parentName : `${parentName}-${kind}`).toLowerCase();
  const owner = ownerReference(object, parentName);
  if (owner !== undefined) metadata.ownerReferences = withOwner(metadata.ownerReferences, owner);
  return {
    object: { ...src, apiVersion: group === "" ? version : `${group}/${version}`, kind, metadata },
    kind: t.generated,
    templateName: t.name,
    enforcementAction: t.enforcementAction,
  };
}
