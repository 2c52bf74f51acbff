import { describe, expect, it } from "vitest";
import type { Constraint, ConstraintSummary, Problem, TemplateSummary } from "./api-types.js";
import { allProblems, compareActions, templateViolations, totalsByAction } from "./summaries.js";

const c = (name: string, action: string | undefined, total?: number): Constraint => ({
  apiVersion: "constraints.gatekeeper.sh/v1beta1",
  kind: "K8sX",
  metadata: { name },
  spec: action === undefined ? {} : { enforcementAction: action },
  ...(total === undefined
    ? {}
    : { status: { auditTimestamp: "2026-01-01T00:00:00Z", totalViolations: total } }),
});

describe("totalsByAction", () => {
  it("sums violations per action, deny first, counting unaudited constraints apart", () => {
    const totals = totalsByAction([
      c("a", "dryrun", 4),
      c("b", undefined, 2),
      c("c", "deny", 3),
      c("d", "warn"),
      c("e", "custom", 1),
      c("f", "scoped", 0),
      { apiVersion: "v1beta1", kind: "K8sGone", metadata: { name: "g" } },
    ]);
    expect(totals).toEqual([
      { action: "deny", constraints: 2, violations: 5, audited: 2 },
      { action: "warn", constraints: 1, violations: 0, audited: 0 },
      { action: "dryrun", constraints: 1, violations: 4, audited: 1 },
      { action: "scoped", constraints: 1, violations: 0, audited: 1 },
      { action: "custom", constraints: 1, violations: 1, audited: 1 },
      { action: "unknown", constraints: 1, violations: 0, audited: 0 },
    ]);
    expect(totalsByAction([])).toEqual([]);
  });

  it("orders unknown actions after the known ones, alphabetically", () => {
    expect(["zeta", "warn", "alpha", "deny"].sort(compareActions)).toEqual(["deny", "warn", "alpha", "zeta"]);
  });
});

const summary = (constraints: ConstraintSummary[], problems: Problem[] = []): TemplateSummary => ({
  name: "k8sx",
  kind: "K8sX",
  engines: ["Rego"],
  description: null,
  file: "x.yaml",
  problems,
  constraints,
});

const cs = (totalViolations: number | null): ConstraintSummary => ({
  kind: "K8sX",
  name: "n",
  enforcementAction: "deny",
  totalViolations,
  auditTimestamp: null,
});

describe("templateViolations", () => {
  it("sums the audited constraints, null when none was audited", () => {
    expect(templateViolations(summary([cs(2), cs(null), cs(3)]))).toBe(5);
    expect(templateViolations(summary([cs(0)]))).toBe(0);
    expect(templateViolations(summary([cs(null)]))).toBeNull();
    expect(templateViolations(summary([]))).toBeNull();
  });
});

describe("allProblems", () => {
  it("joins the list's and the templates' problems, once each, by file and place", () => {
    const p1: Problem = {
      file: "b.yaml",
      line: 10,
      col: 1,
      code: "rego_parse_error",
      message: "unexpected }",
    };
    const p2: Problem = { file: "a.yaml", code: "bad_kind", message: "no kind" };
    const p3: Problem = { file: "b.yaml", line: 2, col: 5, code: "x", message: "y" };
    const got = allProblems({ problems: [p1, p2], templates: [summary([], [{ ...p1 }, p3])] });
    expect(got).toEqual([p2, p3, p1]);
  });
});
