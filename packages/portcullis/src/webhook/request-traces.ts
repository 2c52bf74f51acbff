import type { ReviewResult } from "@portcullis/constraint";
import type { TraceRule } from "../policies/config-resource.js";
import type { JsonObject } from "./admission-review.js";
import { isJsonObject, stringField } from "./json-fields.js";

/** How a request is traced: not at all, with a trace of its review, or with the policies dumped too. */
export type TraceLevel = "none" | "trace" | "dump";

/** Gatekeeper's constraint framework target, which its trace dumps name. */
const TARGET = "admission.k8s.gatekeeper.sh";

/**
 * The Config's `spec.validation.traces` applied to an admission request, as Gatekeeper does: an
 * entry applies when its `user` is the request's username and its `kind` is the request's
 * group, version and kind exactly; `dump: All` (any case) adds the dump.
 */
export function traceLevel(rules: readonly TraceRule[], request: JsonObject): TraceLevel {
  if (rules.length === 0) return "none";
  const username = stringField(request.userInfo, "username");
  const kind = isJsonObject(request.kind) ? request.kind : {};
  let level: TraceLevel = "none";
  for (const rule of rules) {
    if (rule.user !== username) continue;
    if (
      rule.kind.group !== stringField(kind, "group") ||
      rule.kind.version !== stringField(kind, "version") ||
      rule.kind.kind !== stringField(kind, "kind")
    )
      continue;
    if (rule.dump.toLowerCase() === "all") return "dump";
    level = "trace";
  }
  return level;
}

/**
 * A traced review as Gatekeeper logs it: the target, the input, the trace, then each result.
 * The input is the review as the templates read it (`input.review`), indented as Gatekeeper's.
 */
export function formatTraceDump(review: JsonObject, trace: string, results: readonly ReviewResult[]): string {
  const parts = [`Target: ${TARGET}`, `Input:\n${JSON.stringify(review, null, 3)}\n`, `Trace:\n${trace}\n`];
  results.forEach((r, i) => {
    const shown = {
      msg: r.msg,
      constraint: { kind: r.constraint.kind, name: r.constraint.name },
      enforcementAction: r.enforcementAction,
      ...(r.scopedEnforcementActions.length > 0
        ? { scopedEnforcementActions: r.scopedEnforcementActions }
        : {}),
      details: r.details,
    };
    parts.push(`Result(${i}):\n${JSON.stringify(shown, null, 3)}\n`);
  });
  return parts.join("\n");
}
