import type { ReviewResult } from "@portcullis/constraint";
import { describe, expect, it } from "vitest";
import { decide, webhookActions } from "./decision.js";

function result(
  name: string,
  msg: string,
  action: string,
  scoped: string[] = [],
  error = false,
): ReviewResult {
  return {
    constraint: { kind: "K", name, object: { apiVersion: "constraints.gatekeeper.sh/v1beta1" } },
    msg,
    details: {},
    enforcementAction: action,
    scopedEnforcementActions: scoped,
    object: {},
    engine: "Rego",
    error,
  };
}

describe("decide", () => {
  it("allows with code 200 when nothing is found", () => {
    expect(decide([]).verdict).toEqual({ allowed: true, status: { metadata: {}, code: 200 } });
  });

  it("denies with 403 and Forbidden, one [name] msg line per deny, warnings attached", () => {
    const d = decide([
      result("a", "one", "deny"),
      result("w", "careful", "warn"),
      result("b", "two", "deny"),
    ]);
    expect(d.verdict).toEqual({
      allowed: false,
      status: { metadata: {}, code: 403, reason: "Forbidden", message: "[a] one\n[b] two" },
      warnings: ["[w] careful"],
    });
  });

  it("warns with 299; dryrun only shows among violations", () => {
    const d = decide([result("w", "careful", "warn"), result("d", "dry", "dryrun")]);
    expect(d.verdict).toEqual({
      allowed: true,
      status: { metadata: {}, code: 299 },
      warnings: ["[w] careful"],
    });
    expect(d.violations.map((v) => v.result.constraint.name)).toEqual(["w", "d"]);
  });

  it("uses the scoped actions at the webhook and drops unrecognized actions", () => {
    const d = decide([
      result("s", "both", "scoped", ["warn", "deny"]),
      result("x", "odd", "audit-only"),
      result("e", "empty", "scoped", []),
    ]);
    expect(d.denyMessages).toEqual(["[s] both"]);
    expect(d.warnMessages).toEqual(["[s] both"]);
    expect(d.unrecognized.map((r) => r.constraint.name)).toEqual(["x", "e"]);
    expect(webhookActions(result("s", "", "scoped", ["dryrun", "bogus"]))).toEqual(["dryrun"]);
  });

  it("answers evaluation errors with code 500 and the error", () => {
    const d = decide([
      result("a", "one", "deny"),
      result(
        "slow",
        "template.rego:3: eval_cancel_error: caller cancelled query execution",
        "deny",
        [],
        true,
      ),
    ]);
    expect(d.verdict).toEqual({
      allowed: false,
      status: {
        metadata: {},
        code: 500,
        message:
          "admission.k8s.gatekeeper.sh: slow: template.rego:3: eval_cancel_error: caller cancelled query execution",
      },
    });
  });
});
