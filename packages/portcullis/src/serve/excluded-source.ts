import type { JsonObject } from "@portcullis/constraint";
import type { ObjectKind, ObjectPage, ObjectSource, SourceProblem } from "../audit/object-source.js";
import type { ProcessExcluder } from "../policies/process-excluder.js";

function metadataString(obj: JsonObject, key: string): string {
  const md = obj.metadata;
  if (typeof md !== "object" || md === null || Array.isArray(md)) return "";
  const v = (md as Record<string, unknown>)[key];
  return typeof v === "string" ? v : "";
}

/** True when Config excludes the object from the `audit` process. */
export function excludedFromAudit(excluder: ProcessExcluder, kind: ObjectKind, obj: JsonObject): boolean {
  return excluder.isExcluded("audit", {
    group: kind.group,
    kind: kind.kind,
    name: metadataString(obj, "name"),
    namespace: metadataString(obj, "namespace"),
  });
}

/**
 * An object source without the objects the Config in force excludes from process `audit`
 * (Gatekeeper's audit skips them). The excluder is asked for on every page, so a reloaded
 * Config applies from the next audit.
 */
export class AuditExcludedSource implements ObjectSource {
  constructor(
    private readonly inner: ObjectSource,
    private readonly excluder: () => ProcessExcluder | undefined,
  ) {}

  kinds(): Promise<readonly ObjectKind[]> {
    return this.inner.kinds();
  }

  async list(
    kind: ObjectKind,
    options: { readonly limit: number; readonly continue?: string },
  ): Promise<ObjectPage> {
    const page = await this.inner.list(kind, options);
    const excluder = this.excluder();
    if (excluder === undefined || excluder.excludedNamespaces("audit").length === 0) return page;
    const objects = page.objects.filter((o) => !excludedFromAudit(excluder, kind, o));
    return page.continue !== undefined ? { objects, continue: page.continue } : { objects };
  }

  problems(): readonly SourceProblem[] {
    return this.inner.problems();
  }
}
