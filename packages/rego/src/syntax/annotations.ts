import { parseDocument } from "yaml";
import type { Annotation, Comment, Term } from "../ast/nodes.js";
import { ParseError } from "../errors.js";
import type { Location } from "../location.js";
import { checkYamlNesting, YamlNestingError } from "../yaml/yaml-stream.js";
import { groundPrefix, termsEqual } from "./ast-util.js";

type Scope = Annotation["scope"];

/** A `# METADATA` comment block, parsed but not yet attached. */
export interface MetadataBlock {
  readonly loc: Location;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What an annotation can attach to: the statement kinds of a module, with their rows. */
export type AnnotationTarget =
  | { readonly kind: "package"; readonly loc: Location; readonly path: readonly Term[] }
  | { readonly kind: "import"; readonly loc: Location }
  | { readonly kind: "rule"; readonly loc: Location; readonly ref: readonly Term[] };

/** An annotation with the statement it precedes. */
export interface AttachedAnnotation {
  readonly annotation: Annotation;
  readonly target: AnnotationTarget | undefined;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * Finds `# METADATA` blocks (the METADATA line, then comments on the following lines starting in
 * column 1) and parses each as YAML. Blocks that are not YAML mappings are errors.
 */
export function parseMetadataBlocks(comments: readonly Comment[]): {
  blocks: MetadataBlock[];
  errors: ParseError[];
} {
  const groups: { loc: Location; lines: Comment[] }[] = [];
  let current: { loc: Location; lines: Comment[] } | undefined;
  let prev: Comment | undefined;
  for (const c of comments) {
    if (current && prev && c.loc.row === prev.loc.row + 1 && c.loc.col === 1) {
      current.lines.push(c);
      prev = c;
      continue;
    }
    current = undefined;
    if (c.text.trim().startsWith("METADATA")) {
      current = { loc: c.loc, lines: [] };
      groups.push(current);
    }
    prev = c;
  }
  const blocks: MetadataBlock[] = [];
  const errors: ParseError[] = [];
  for (const g of groups) {
    const text = g.lines.map((c) => `${c.text.startsWith(" ") ? c.text.slice(1) : c.text}\n`).join("");
    if (text.trim() === "") {
      errors.push(new ParseError("expected METADATA block, found whitespace", g.loc));
      continue;
    }
    try {
      checkYamlNesting(text);
    } catch (e: unknown) {
      if (!(e instanceof YamlNestingError)) throw e;
      errors.push(new ParseError(`yaml: ${e.message}`, g.lines[e.line - 1]?.loc ?? g.loc));
      continue;
    }
    const doc = parseDocument(text);
    const err = doc.errors[0];
    if (err) {
      const line = err.linePos?.[0]?.line;
      const at = line === undefined ? g.lines[0] : (g.lines[line - 1] ?? g.lines[g.lines.length - 1]);
      errors.push(new ParseError(`yaml: ${err.message.split("\n")[0] ?? ""}`, at?.loc ?? g.loc));
      continue;
    }
    const data: unknown = doc.toJS();
    if (!isRecord(data)) {
      errors.push(new ParseError("yaml: unmarshal errors: METADATA block must be a mapping", g.loc));
      continue;
    }
    const problem = validate(data);
    if (problem !== undefined) {
      errors.push(new ParseError(problem, g.loc));
      continue;
    }
    blocks.push({ loc: g.loc, data });
  }
  return { blocks, errors };
}

function validate(data: Record<string, unknown>): string | undefined {
  for (const key of ["scope", "title", "description"]) {
    const v = data[key];
    if (v !== undefined && v !== null && typeof v !== "string")
      return `yaml: invalid ${key}: expected a string`;
  }
  const entrypoint = data.entrypoint;
  if (entrypoint !== undefined && entrypoint !== null && typeof entrypoint !== "boolean") {
    return "yaml: invalid entrypoint: expected a boolean";
  }
  const authors = data.authors;
  if (Array.isArray(authors)) {
    for (const a of authors) {
      if (parseAuthor(a) === undefined) return `invalid author definition ${String(a)}`;
    }
  }
  const related = data.related_resources;
  if (Array.isArray(related)) {
    for (const r of related) {
      if (parseRelated(r) === undefined) return `invalid related-resource definition ${String(r)}`;
    }
  }
  return undefined;
}

function parseAuthor(a: unknown): { name: string; email?: string } | undefined {
  if (typeof a === "string") {
    const parts = a.split(/\s+/).filter((p) => p !== "");
    if (parts.length === 0) return undefined;
    const last = parts[parts.length - 1] ?? "";
    if (last.length >= 2 && last.startsWith("<") && last.endsWith(">")) {
      return { name: parts.slice(0, -1).join(" "), email: last.slice(1, -1) };
    }
    return { name: parts.join(" ") };
  }
  if (isRecord(a)) {
    const name = typeof a.name === "string" ? a.name.trim() : "";
    const email = typeof a.email === "string" ? a.email.trim() : "";
    if (name === "" && email === "") return undefined;
    return email === "" ? { name } : { name, email };
  }
  return undefined;
}

function parseRelated(r: unknown): { ref: string; description?: string } | undefined {
  if (typeof r === "string") return r === "" ? undefined : { ref: r };
  if (isRecord(r)) {
    const ref = typeof r.ref === "string" ? r.ref.trim() : "";
    const description = typeof r.description === "string" ? r.description.trim() : "";
    if (ref === "") return undefined;
    return description === "" ? { ref } : { ref, description };
  }
  return undefined;
}

const SCOPES: readonly string[] = ["rule", "document", "package", "subpackages"];

/**
 * Attaches each block to the first statement after it, fills in the default scope (`rule` before
 * a rule, `document` for a rule entrypoint, `package` before the package) and checks the scope
 * fits the statement, as OPA does.
 */
export function attachMetadata(
  blocks: readonly MetadataBlock[],
  targets: readonly AnnotationTarget[],
): { attached: AttachedAnnotation[]; errors: ParseError[] } {
  const attached: AttachedAnnotation[] = [];
  const errors: ParseError[] = [];
  for (const b of blocks) {
    const target = targets.find((t) => t.loc.row > b.loc.row);
    let scope = typeof b.data.scope === "string" ? b.data.scope : "";
    const entrypoint = b.data.entrypoint === true;
    if (scope === "" && target) {
      if (target.kind === "rule") scope = entrypoint ? "document" : "rule";
      else scope = target.kind;
    }
    const have = target ? ` (have ${target.kind})` : "";
    if (scope === "rule" || scope === "document") {
      if (target?.kind !== "rule")
        errors.push(attachError(b, `annotation scope '${scope}' must be applied to rule${have}`));
    } else if (scope === "package" || scope === "subpackages") {
      if (target?.kind !== "package") {
        errors.push(attachError(b, `annotation scope '${scope}' must be applied to package${have}`));
      }
    } else {
      errors.push(
        attachError(
          b,
          `invalid annotation scope '${scope}'. Use one of 'rule', 'document', 'package', or 'subpackages'`,
        ),
      );
    }
    if (entrypoint && scope !== "document" && scope !== "package") {
      errors.push(
        attachError(b, `annotation entrypoint applied to non-document or package scope '${scope}'`),
      );
    }
    if (SCOPES.includes(scope)) {
      attached.push({ annotation: { scope: scope as Scope, data: b.data, loc: b.loc }, target });
    }
  }
  return { attached, errors };
}

function attachError(b: MetadataBlock, message: string): ParseError {
  return new ParseError(message, b.loc);
}

/**
 * The annotations of each rule, as OPA attaches them: `document` annotations of the rule's path,
 * and the nearest preceding `rule` annotation of its path (each used once).
 */
export function ruleAnnotations(
  attached: readonly AttachedAnnotation[],
  rules: readonly { readonly ref: readonly Term[]; readonly loc: Location }[],
): Annotation[][] {
  const pending = attached.filter((a) => a.target?.kind === "rule");
  return rules.map((rule) => {
    const path = groundPrefix(rule.ref);
    const out: Annotation[] = [];
    let used = -1;
    pending.forEach((a, i) => {
      const target = a.target;
      if (target?.kind !== "rule" || !sameRef(groundPrefix(target.ref), path)) return;
      if (a.annotation.scope === "document") out.push(a.annotation);
      else if (a.annotation.scope === "rule" && rule.loc.row > a.annotation.loc.row) {
        used = i;
        out.push(a.annotation);
      }
    });
    if (used >= 0) pending.splice(used, 1);
    return out;
  });
}

function sameRef(a: readonly Term[], b: readonly Term[]): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => {
      const u = b[i];
      return u !== undefined && termsEqual(t, u);
    })
  );
}

/**
 * An annotation as OPA presents it to policies (`rego.metadata.rule()`): known fields normalized
 * (authors as `{name, email}`, related resources as `{ref, description}`), empty ones dropped.
 */
export function annotationObject(a: Annotation): Record<string, unknown> {
  const d = a.data;
  const out: Record<string, unknown> = { scope: a.scope };
  if (typeof d.title === "string" && d.title !== "") out.title = d.title;
  if (d.entrypoint === true) out.entrypoint = true;
  if (typeof d.description === "string" && d.description !== "") out.description = d.description;
  if (Array.isArray(d.organizations) && d.organizations.length > 0) out.organizations = d.organizations;
  if (Array.isArray(d.related_resources) && d.related_resources.length > 0) {
    out.related_resources = d.related_resources.map(parseRelated).filter((r) => r !== undefined);
  }
  if (Array.isArray(d.authors) && d.authors.length > 0) {
    out.authors = d.authors.map(parseAuthor).filter((r) => r !== undefined);
  }
  if (Array.isArray(d.schemas) && d.schemas.length > 0) out.schemas = d.schemas;
  if (isRecord(d.custom) && Object.keys(d.custom).length > 0) out.custom = d.custom;
  return out;
}
