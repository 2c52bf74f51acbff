import {
  type JsonObject,
  objectAt,
  objectMeta,
  pathAt,
  readEnforcement,
  stringAt,
} from "@portcullis/constraint";
import type {
  AuditedConstraint,
  ConfigView,
  ConstraintSummary,
  ConstraintView,
  PolicyProblem,
  TemplateDetail,
  TemplateSummary,
} from "../api/shapes.js";
import { codeEngines } from "../policies/template-engines.js";

/** A document as read from the policies directory. */
interface LoadedDocument {
  readonly file: string;
  readonly object: JsonObject;
}

/**
 * What the API shows of the policies in force (a PolicySet is one): its templates, constraints and
 * Config as the policy set sorted them, and what was wrong with them.
 */
export interface LoadedPolicies {
  readonly sorted: {
    readonly templates: readonly LoadedDocument[];
    readonly constraints: readonly LoadedDocument[];
    readonly config: LoadedDocument | undefined;
  };
  readonly problems: readonly PolicyProblem[];
}

function byKindAndName(a: ConstraintView, b: ConstraintView): number {
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.metadata.name < b.metadata.name ? -1 : 1;
}

function key(kind: string, name: string): string {
  return `${kind}/${name}`;
}

/**
 * Every constraint the API knows: those loaded (with their spec, and their status when the
 * audit has one) and those only audited (removed since), sorted by kind and name. Without
 * loaded policies, the audited statuses as they are.
 */
export function constraintViews(
  policies: LoadedPolicies | undefined,
  audited: readonly AuditedConstraint[],
): ConstraintView[] {
  if (policies === undefined) return [...audited];
  const statuses = new Map(audited.map((c) => [key(c.kind, c.metadata.name), c]));
  const out: ConstraintView[] = [];
  const seen = new Set<string>();
  for (const { object } of policies.sorted.constraints) {
    const kind = stringAt(object, "kind") ?? "";
    const name = objectMeta(object).name;
    const k = key(kind, name);
    if (seen.has(k)) continue;
    seen.add(k);
    const status = statuses.get(k)?.status;
    const spec = objectAt(object, "spec");
    out.push({
      apiVersion: stringAt(object, "apiVersion") ?? "",
      kind,
      metadata: { name },
      ...(spec !== undefined ? { spec } : {}),
      ...(status !== undefined ? { status } : {}),
    });
  }
  for (const c of audited) if (!seen.has(key(c.kind, c.metadata.name))) out.push(c);
  return out.sort(byKindAndName);
}

function summaryOf(c: ConstraintView): ConstraintSummary {
  return {
    kind: c.kind,
    name: c.metadata.name,
    enforcementAction: readEnforcement(c.spec).enforcement.action,
    totalViolations: c.status?.totalViolations ?? null,
    auditTimestamp: c.status?.auditTimestamp ?? null,
  };
}

function detailOf(
  file: string,
  doc: JsonObject,
  problems: readonly PolicyProblem[],
  constraints: readonly ConstraintView[],
): TemplateDetail {
  const kind = stringAt(pathAt(doc, "spec", "crd", "spec", "names"), "kind") ?? "";
  return {
    name: objectMeta(doc).name,
    kind,
    engines: [...codeEngines(doc)].sort(),
    description: stringAt(pathAt(doc, "metadata", "annotations"), "description") ?? null,
    file,
    problems: problems.filter((p) => p.file === file),
    constraints: constraints.filter((c) => c.kind === kind).map(summaryOf),
    document: doc,
  };
}

function templateDetails(policies: LoadedPolicies, audited: readonly AuditedConstraint[]): TemplateDetail[] {
  const constraints = constraintViews(policies, audited);
  const out: TemplateDetail[] = [];
  for (const { file, object } of policies.sorted.templates)
    out.push(detailOf(file, object, policies.problems, constraints));
  return out.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/** Every loaded ConstraintTemplate with its constraints and their audit counts, sorted by kind. */
export function templateSummaries(
  policies: LoadedPolicies,
  audited: readonly AuditedConstraint[],
): TemplateSummary[] {
  return templateDetails(policies, audited).map(({ document: _document, ...summary }) => summary);
}

/** One loaded ConstraintTemplate by `metadata.name`, with its document; undefined when none. */
export function templateDetail(
  policies: LoadedPolicies,
  audited: readonly AuditedConstraint[],
  name: string,
): TemplateDetail | undefined {
  return templateDetails(policies, audited).find((t) => t.name === name);
}

/** The Config in force (the one named `config` the policy set read); null when there is none. */
export function configView(policies: LoadedPolicies): ConfigView | null {
  const config = policies.sorted.config;
  return config === undefined ? null : { file: config.file, document: config.object };
}
