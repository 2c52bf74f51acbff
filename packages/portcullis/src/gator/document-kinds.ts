import {
  CONSTRAINTS_GROUP,
  EXPANSION_GROUP,
  isAdmissionReview,
  type JsonObject,
  TEMPLATES_GROUP,
} from "@portcullis/constraint";

/** What a document is to `portcullis test`. */
export type DocumentKind = "template" | "constraint" | "expansion" | "admission-review" | "object";

function group(obj: JsonObject): string {
  const apiVersion = typeof obj.apiVersion === "string" ? obj.apiVersion : "";
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

/** Sorts a document the way gator does: templates and constraints by group (and kind), the rest are objects. */
export function documentKind(obj: JsonObject): DocumentKind {
  const g = group(obj);
  if (g === TEMPLATES_GROUP && obj.kind === "ConstraintTemplate") return "template";
  if (g === CONSTRAINTS_GROUP) return "constraint";
  if (g === EXPANSION_GROUP && obj.kind === "ExpansionTemplate") return "expansion";
  if (isAdmissionReview(obj)) return "admission-review";
  return "object";
}

/** True for a core v1 Namespace object. */
export function isNamespace(obj: JsonObject): boolean {
  return obj.apiVersion === "v1" && obj.kind === "Namespace";
}
