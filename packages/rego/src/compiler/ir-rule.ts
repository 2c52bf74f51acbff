import type { IrRule } from "./ir.js";

/**
 * `rule` with some of its parts replaced, as an object of the same field order as every other
 * rule. Evaluation reads rules' fields at sites shared by all rules, which stay fast only while
 * rules share one hidden class; `{ ...rule, body }` would not (V8 11.3 gives each such copy a
 * hidden class of its own).
 */
export function ruleWith(rule: IrRule, parts: Partial<IrRule>): IrRule {
  return {
    kind: parts.kind ?? rule.kind,
    path: parts.path ?? rule.path,
    keys: parts.keys ?? rule.keys,
    value: parts.value ?? rule.value,
    args: parts.args ?? rule.args,
    body: parts.body ?? rule.body,
    slots: parts.slots ?? rule.slots,
    elseRule: "elseRule" in parts ? parts.elseRule : rule.elseRule,
    isDefault: parts.isDefault ?? rule.isDefault,
    loc: parts.loc ?? rule.loc,
    file: parts.file ?? rule.file,
  };
}
