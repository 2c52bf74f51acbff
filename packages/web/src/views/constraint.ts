import type { Constraint, ViolationsResponse } from "../api-types.js";
import { matchAndParameters, templateNameOfKind } from "../constraint-info.js";
import { type Child, el } from "../dom.js";
import { formatCount } from "../format.js";
import { prettyJson } from "../json.js";
import { PAGE_SIZE } from "../paging.js";
import { routeHash, templateHashOfKind, violationsHash } from "../routes.js";
import type { ViewContext } from "../view-context.js";
import { NO_FILTER } from "../violation-filter.js";
import { codeBlock } from "../widgets/code.js";
import { constraintAction } from "../widgets/constraint-action.js";
import { facts } from "../widgets/facts.js";
import { loadingPage } from "../widgets/page.js";
import { pager } from "../widgets/pager.js";
import { timeText } from "../widgets/time.js";
import { violationsTable } from "../widgets/violations-table.js";

interface ConstraintData {
  readonly constraint: Constraint;
  readonly violations: ViolationsResponse;
}

function specSection(c: Constraint): HTMLElement {
  if (c.spec === undefined) {
    return el(
      "section",
      { "data-section": "spec" },
      el("h2", null, "Spec"),
      el(
        "p",
        { class: "note" },
        "This constraint is not among the loaded policies; only its audit status is known.",
      ),
    );
  }
  const { match, parameters } = matchAndParameters(c);
  return el(
    "section",
    { "data-section": "spec" },
    el("h2", null, "Match"),
    match === undefined
      ? el("p", { class: "muted" }, "No match: every object the template's target covers.")
      : codeBlock(prettyJson(match)),
    el("h2", null, "Parameters"),
    parameters === undefined
      ? el("p", { class: "muted" }, "No parameters.")
      : codeBlock(prettyJson(parameters)),
  );
}

function statusSection(c: Constraint, now: number): HTMLElement {
  const status = c.status;
  if (status === undefined) {
    return el(
      "section",
      { "data-section": "status" },
      el("h2", null, "Status"),
      el("p", null, "Not audited yet."),
    );
  }
  const kept = status.violations?.length ?? 0;
  return el(
    "section",
    { "data-section": "status" },
    el("h2", null, "Status"),
    facts([
      ["Audited", timeText(status.auditTimestamp, now)],
      ["Total violations", formatCount(status.totalViolations)],
      ["In status.violations", formatCount(kept)],
    ]),
    el(
      "p",
      { class: "note" },
      "Gatekeeper keeps at most 20 violations in the constraint's ",
      el("code", null, "status.violations"),
      "; the table below lists every one in Portcullis's violation store.",
    ),
  );
}

function render(d: ConstraintData, kind: string, name: string, now: number): Child[] {
  const c = d.constraint;
  const v = d.violations;
  return [
    el("h1", null, name, " ", el("span", { class: "subtitle" }, kind)),
    facts([
      ["Kind", c.kind],
      ["Template", el("a", { href: templateHashOfKind(c.kind) }, templateNameOfKind(c.kind))],
      ["Action", constraintAction(c)],
      ["API version", el("code", null, c.apiVersion)],
    ]),
    specSection(c),
    statusSection(c, now),
    el(
      "section",
      { "data-section": "violations" },
      el("h2", null, "Open violations"),
      violationsTable(v.violations, now, { resolved: false, empty: "No open violations." }),
      pager(v.offset, v.violations.length, v.total, (at) =>
        routeHash({ page: "constraint", kind, name, offset: at }),
      ),
      el(
        "p",
        { class: "note" },
        el(
          "a",
          { href: violationsHash({ constraintKind: kind, constraint: name, state: "all" }) },
          "Resolved ones too →",
        ),
      ),
    ),
  ];
}

/** `#/constraints/<kind>/<name>`: one constraint, its spec and status, and its open violations, paged. */
export function constraintView(ctx: ViewContext, kind: string, name: string, offset: number): HTMLElement {
  return loadingPage(
    "constraint",
    ctx,
    async (signal): Promise<ConstraintData> => {
      const filter = { ...NO_FILTER, constraintKind: kind, constraint: name };
      const [constraint, violations] = await Promise.all([
        ctx.api.constraint(kind, name, signal),
        ctx.api.violations(filter, PAGE_SIZE, offset, signal),
      ]);
      return { constraint, violations };
    },
    (d) => render(d, kind, name, ctx.now),
  );
}
