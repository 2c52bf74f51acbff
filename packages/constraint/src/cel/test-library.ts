/// <reference types="node" />
/**
 * Test helpers: the gatekeeper-library checkout next to the repository (templates with a
 * K8sNativeValidation entry, their sample constraints and objects as driver reviews). Used by the
 * unit tests only.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { toReviewInput } from "../client.js";
import type { DriverConstraint, DriverReview, JsonObject } from "../driver.js";
import { arrayAt, isObject, objectAt, stringAt } from "../json-util.js";

/** The library's root directory (`/work/shared/…/library` next to the repository). */
export const LIBRARY = new URL(
  "../../../../../shared/conformance/gatekeeper-library/library/",
  import.meta.url,
).pathname;

export { isObject };

/** `v[key]` as an object ({} when it is not one). */
export function obj(v: unknown, key: string): JsonObject {
  return objectAt(v, key) ?? {};
}

/** `v[key]` as a list ([] when it is not one). */
export function arr(v: unknown, key: string): readonly unknown[] {
  return arrayAt(v, key) ?? [];
}

/** `v[key]` as a string ("" when it is not one). */
export function str(v: unknown, key: string): string {
  return stringAt(v, key) ?? "";
}

/** The objects in a YAML file. */
export function readYaml(file: string): JsonObject[] {
  return parseAllDocuments(readFileSync(file, "utf8"))
    .map((d) => d.toJS() as unknown)
    .filter(isObject);
}

/** The K8sNativeValidation source of a template, if it has one. */
export function celSource(template: JsonObject): JsonObject | undefined {
  for (const target of arr(obj(template, "spec"), "targets"))
    for (const code of arr(target, "code"))
      if (str(code, "engine") === "K8sNativeValidation") return obj(code, "source");
  return undefined;
}

/** The driver review of a plain object or an AdmissionReview, as the client builds it. */
export function toReview(o: JsonObject): DriverReview {
  return { review: toReviewInput(o).review, namespaceObject: null, inventory: {} };
}

/** A sample: its constraint and the reviews of its example objects. */
export interface LibrarySample {
  readonly name: string;
  readonly constraint: DriverConstraint;
  readonly reviews: readonly { readonly file: string; readonly review: DriverReview }[];
}

/** A library template with a CEL entry. */
export interface LibraryTemplate {
  readonly file: string;
  readonly kind: string;
  readonly source: JsonObject;
  readonly samples: readonly LibrarySample[];
}

/** The `template.yaml` files below `dir`, sorted. */
export function templateFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...templateFiles(p));
    else if (e.name === "template.yaml") out.push(p);
  }
  return out.sort();
}

function samplesOf(dir: string, kind: string): LibrarySample[] {
  const root = join(dir, "samples");
  if (!existsSync(root)) return [];
  const out: LibrarySample[] = [];
  for (const s of readdirSync(root, { withFileTypes: true })) {
    if (!s.isDirectory()) continue;
    const sdir = join(root, s.name);
    const [c] = existsSync(join(sdir, "constraint.yaml")) ? readYaml(join(sdir, "constraint.yaml")) : [];
    if (c === undefined || str(c, "kind") !== kind) continue;
    const constraint: DriverConstraint = {
      kind,
      name: str(obj(c, "metadata"), "name"),
      parameters: obj(c, "spec").parameters ?? {},
    };
    const reviews = readdirSync(sdir)
      .filter((f) => f.endsWith(".yaml") && f !== "constraint.yaml")
      .sort()
      .flatMap((f) => readYaml(join(sdir, f)).map((o) => ({ file: join(sdir, f), review: toReview(o) })));
    out.push({ name: s.name, constraint, reviews });
  }
  return out;
}

/** The library's templates with a K8sNativeValidation entry (none when the checkout is missing). */
export function libraryCelTemplates(dir: string = LIBRARY): LibraryTemplate[] {
  if (!existsSync(dir)) return [];
  const out: LibraryTemplate[] = [];
  for (const file of templateFiles(dir)) {
    const [template] = readYaml(file);
    const source = template === undefined ? undefined : celSource(template);
    if (template === undefined || source === undefined) continue;
    const kind = str(obj(obj(obj(template, "spec"), "crd"), "spec").names, "kind");
    out.push({ file, kind, source, samples: samplesOf(join(file, ".."), kind) });
  }
  return out;
}
