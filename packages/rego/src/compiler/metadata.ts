import type { Annotation, Module } from "../ast/nodes.js";
import { fromJs, type Value } from "../value/index.js";

/** A rule's place for `rego.metadata.*`: its module, its path after `data`, its own annotations. */
export interface MetadataSite {
  readonly module: Module;
  readonly path: readonly string[];
  readonly annotations: readonly Annotation[];
}

/**
 * Annotations as OPA returns them from `rego.metadata.*`: authors and related resources in object
 * form, the scope filled in, empty fields left out.
 */
export function annotationValue(a: Annotation): Value {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a.data)) {
    if (v === undefined || v === null) continue;
    if (k === "authors" && Array.isArray(v)) out.authors = v.map(author);
    else if (k === "related_resources" && Array.isArray(v)) out.related_resources = v.map(resource);
    else out[k] = v;
  }
  out.scope = a.scope;
  return fromJs(out);
}

function author(x: unknown): unknown {
  if (typeof x !== "string") return x;
  const m = /^(.*?)\s*<([^<>]+)>\s*$/.exec(x.trim());
  if (m) return m[1] ? { name: m[1], email: m[2] } : { email: m[2] };
  return x.includes("@") && !x.includes(" ") ? { email: x } : { name: x.trim() };
}

function resource(x: unknown): unknown {
  return typeof x === "string" ? { ref: x } : x;
}

/** `rego.metadata.rule()`: the rule's own annotation (rule or document scope), else `{}`. */
export function metadataRule(site: MetadataSite, documentAnnotations: readonly Annotation[]): Value {
  const own =
    site.annotations.find((a) => a.scope === "rule") ??
    documentAnnotations[0] ??
    site.annotations.find((a) => a.scope === "document");
  return own ? annotationValue(own) : {};
}

/**
 * `rego.metadata.chain()`: the rule's entry (with its annotation when it has one), the document's,
 * then the package's and each enclosing package's `subpackages` annotations, innermost first.
 */
export function metadataChain(
  site: MetadataSite,
  documentAnnotations: readonly Annotation[],
  packageAnnotations: ReadonlyMap<string, readonly Annotation[]>,
): Value {
  const chain: Value[] = [];
  const ruleAnn = site.annotations.find((a) => a.scope === "rule");
  chain.push(
    ruleAnn ? { annotations: annotationValue(ruleAnn), path: [...site.path] } : { path: [...site.path] },
  );
  for (const d of documentAnnotations) chain.push({ annotations: annotationValue(d), path: [...site.path] });
  const pkg = packagePathOf(site.module);
  for (let n = pkg.length; n >= 0; n--) {
    const prefix = pkg.slice(0, n);
    for (const a of packageAnnotations.get(prefix.join(".")) ?? []) {
      if (a.scope === "package" && n !== pkg.length) continue;
      chain.push({ annotations: annotationValue(a), path: prefix });
    }
  }
  return chain;
}

function packagePathOf(m: Module): string[] {
  return m.package.path.terms.slice(1).map((t) => (t.type === "scalar" ? String(t.value) : ""));
}
