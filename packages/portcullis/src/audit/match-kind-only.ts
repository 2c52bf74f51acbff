import { isObject, type ParsedConstraint, stringItems } from "@portcullis/constraint";
import type { ObjectKind, ObjectPage, ObjectSource, SourceProblem } from "./object-source.js";

/**
 * The kinds the constraints' `spec.match.kinds` name, as a test of a kind; undefined when some
 * constraint names none, or `*`, and so matches every kind (Gatekeeper's
 * `--audit-match-kind-only` then lists everything).
 */
export function matchedKinds(
  constraints: readonly Pick<ParsedConstraint, "object">[],
): ((k: ObjectKind) => boolean) | undefined {
  const named: { groups: Set<string> | undefined; kinds: Set<string> }[] = [];
  for (const c of constraints) {
    const spec = isObject(c.object.spec) ? c.object.spec : {};
    const match = isObject(spec.match) ? spec.match : {};
    const entries = Array.isArray(match.kinds) ? match.kinds : [];
    if (entries.length === 0) return undefined;
    for (const e of entries) {
      const kinds = stringItems(isObject(e) ? e.kinds : undefined);
      const groups = stringItems(isObject(e) ? e.apiGroups : undefined);
      if (kinds.length === 0 || kinds.includes("*")) return undefined;
      named.push({
        groups: groups.length === 0 || groups.includes("*") ? undefined : new Set(groups),
        kinds: new Set(kinds),
      });
    }
  }
  return (k) => named.some((n) => n.kinds.has(k.kind) && (n.groups === undefined || n.groups.has(k.group)));
}

/**
 * A source narrowed to the kinds the constraints in force name (Gatekeeper's
 * `--audit-match-kind-only`): every kind when one of them names none. Namespaces are always
 * listed, since namespaceSelector needs them.
 */
export class MatchKindOnlySource implements ObjectSource {
  constructor(
    private readonly source: ObjectSource,
    private readonly constraints: () => readonly Pick<ParsedConstraint, "object">[],
  ) {}

  async kinds(): Promise<readonly ObjectKind[]> {
    const all = await this.source.kinds();
    const named = matchedKinds(this.constraints());
    if (named === undefined) return all;
    return all.filter((k) => (k.group === "" && k.kind === "Namespace") || named(k));
  }

  list(
    kind: ObjectKind,
    options: { readonly limit: number; readonly continue?: string },
  ): Promise<ObjectPage> {
    return this.source.list(kind, options);
  }

  problems(): readonly SourceProblem[] {
    return this.source.problems();
  }
}
