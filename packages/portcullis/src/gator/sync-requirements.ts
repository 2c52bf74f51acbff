/** The ConstraintTemplate annotation that lists the kinds a template needs synced into `data.inventory`. */
export const SYNC_ANNOTATION = "metadata.gatekeeper.sh/requires-sync-data";

/** A group, version and kind. */
export interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** One requirement: kinds that serve alike, any one of which, synced, meets it. */
export type SyncRequirement = readonly Gvk[];

/** An annotation that does not read as sync requirements (worded as Go's JSON decoder words it). */
export class SyncRequirementError extends Error {
  readonly code = "invalid_sync_requirements";

  constructor(message: string) {
    super(message);
    this.name = "SyncRequirementError";
  }
}

/** A kind as gator prints it in a requirement: `group/version:Kind`. */
export function gvkText(g: Gvk): string {
  return `${g.group}/${g.version}:${g.kind}`;
}

const CLAUSE_FIELDS = ["groups", "versions", "kinds"] as const;

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v === "object" ? "object" : typeof v;
}

function stringList(v: unknown, field: string): string[] {
  if (v === null) return [];
  if (!Array.isArray(v))
    throw new SyncRequirementError(
      `json: cannot unmarshal ${jsonType(v)} into Go struct field GVKClause.${field} of type []string`,
    );
  return v.map((s: unknown) => {
    if (typeof s !== "string")
      throw new SyncRequirementError(
        `json: cannot unmarshal ${jsonType(s)} into Go struct field GVKClause.${field} of type string`,
      );
    return s;
  });
}

/** The kinds a clause `{groups, versions, kinds}` names: every combination of the three lists. */
function clauseKinds(clause: unknown): Gvk[] {
  if (clause === null) return [];
  if (typeof clause !== "object" || Array.isArray(clause))
    throw new SyncRequirementError(
      `json: cannot unmarshal ${jsonType(clause)} into Go value of type parser.GVKClause`,
    );
  const lists: Record<(typeof CLAUSE_FIELDS)[number], string[]> = { groups: [], versions: [], kinds: [] };
  for (const [key, value] of Object.entries(clause)) {
    const field = CLAUSE_FIELDS.find((f) => f === key.toLowerCase());
    if (field === undefined) throw new SyncRequirementError(`json: unknown field "${key}"`);
    lists[field] = stringList(value, field);
  }
  const out: Gvk[] = [];
  for (const group of lists.groups)
    for (const version of lists.versions) for (const kind of lists.kinds) out.push({ group, version, kind });
  return out;
}

/**
 * Reads the annotation's requirements, as Gatekeeper does: newlines and double quotes around it
 * trimmed, then JSON, a list of requirements, each a list of `{groups, versions, kinds}` clauses
 * (unknown fields refused, field names matched without regard to case). Each requirement is the
 * union of its clauses' kinds, without repeats. Throws {@link SyncRequirementError}.
 */
export function parseSyncRequirements(annotation: string): SyncRequirement[] {
  const text = annotation.replace(/^["\n]+|["\n]+$/g, "");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e: unknown) {
    throw new SyncRequirementError(e instanceof Error ? e.message : String(e));
  }
  if (value === null) return [];
  if (!Array.isArray(value))
    throw new SyncRequirementError(
      `json: cannot unmarshal ${jsonType(value)} into Go value of type parser.CompactSyncRequirements`,
    );
  return value.map((requirement: unknown) => {
    if (requirement === null) return [];
    if (!Array.isArray(requirement))
      throw new SyncRequirementError(
        `json: cannot unmarshal ${jsonType(requirement)} into Go value of type []parser.GVKClause`,
      );
    const seen = new Map<string, Gvk>();
    for (const clause of requirement) for (const g of clauseKinds(clause)) seen.set(gvkText(g), g);
    return [...seen.values()];
  });
}

/** The requirements none of whose kinds is among `synced` (keys from {@link gvkText}). */
export function unmetRequirements(
  requirements: readonly SyncRequirement[],
  synced: ReadonlySet<string>,
): SyncRequirement[] {
  return requirements.filter((r) => !r.some((g) => synced.has(gvkText(g))));
}
