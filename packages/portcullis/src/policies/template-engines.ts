import { arrayAt, type JsonObject, objectAt, REGO_ENGINE, stringAt } from "@portcullis/constraint";

/**
 * The engines a ConstraintTemplate document has code for: each target's `code[].engine`, and
 * `Rego` for a legacy non-empty `rego` field.
 */
export function codeEngines(template: JsonObject): Set<string> {
  const engines = new Set<string>();
  for (const t of arrayAt(objectAt(template, "spec"), "targets") ?? []) {
    if ((stringAt(t, "rego") ?? "") !== "") engines.add(REGO_ENGINE);
    for (const c of arrayAt(t, "code") ?? []) {
      const engine = stringAt(c, "engine");
      if (engine !== undefined) engines.add(engine);
    }
  }
  return engines;
}
