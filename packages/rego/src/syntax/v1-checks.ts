import { isKeywordInVersion } from "./keywords.js";
import { isMultiValue, type RuleDraft } from "./rule-draft.js";

/** OPA's parse-time Rego v1 checks on one rule (v1 modules, and v0 modules importing `rego.v1`). */
export function checkRegoV1Rule(rule: RuleDraft): string[] {
  const h = rule.head;
  const kind = h.args !== undefined && h.args.length > 0 ? "function" : "rule";
  const errors: string[] = [];
  const first = h.ref[0];
  if (h.ref.length < 2 && first?.type === "var" && isKeywordInVersion(first.name, 1)) {
    errors.push(`${first.name} keyword cannot be used for rule name`);
  }
  if (rule.generatedBody && h.generatedValue) {
    errors.push(`${kind} must have value assignment and/or body declaration`);
  }
  if (!rule.generatedBody && !h.hasIf && !rule.isDefault) {
    errors.push(`\`if\` keyword is required before ${kind} body`);
  }
  if (isMultiValue(h) && !h.hasContains) {
    errors.push("`contains` keyword is required for partial set rules");
  }
  return errors;
}
