import type { Constraint, ConstraintsResponse } from "../api-types.js";
import { enforcementActionOf } from "../constraint-info.js";
import { type Child, el, replaceContent } from "../dom.js";
import { formatOptionalCount } from "../format.js";
import { matchesQuery, sortByKindAndName } from "../lists.js";
import { constraintHash, routeHash, templateHashOfKind } from "../routes.js";
import type { ViewContext } from "../view-context.js";
import { constraintAction } from "../widgets/constraint-action.js";
import { filterBox } from "../widgets/filter-box.js";
import { loadingPage } from "../widgets/page.js";
import { dataRow, dataTable } from "../widgets/table.js";
import { timeText } from "../widgets/time.js";

function table(constraints: readonly Constraint[], q: string, now: number): HTMLTableElement {
  const shown = constraints.filter((c) => matchesQuery(q, [c.kind, c.metadata.name, enforcementActionOf(c)]));
  return dataTable(
    "constraints",
    ["Kind", "Name", "Action", "Violations", "Audited"],
    shown.map((c) =>
      dataRow(
        el("a", { href: templateHashOfKind(c.kind) }, c.kind),
        el("a", { href: constraintHash(c.kind, c.metadata.name) }, c.metadata.name),
        constraintAction(c),
        formatOptionalCount(c.status?.totalViolations),
        timeText(c.status?.auditTimestamp, now),
      ),
    ),
    constraints.length === 0 ? "No constraints." : "No constraint matches the filter.",
  );
}

function render(d: ConstraintsResponse, ctx: ViewContext, q: string): Child[] {
  const constraints = sortByKindAndName(d.constraints, (c) => ({ kind: c.kind, name: c.metadata.name }));
  const holder = el("div", { class: "table-holder" }, table(constraints, q, ctx.now));
  return [
    el("h1", null, "Constraints"),
    el(
      "p",
      { class: "note" },
      d.audit === null
        ? "No audit yet: no constraint has a status."
        : ["Status as of audit ", el("code", null, d.audit.auditId), "."],
    ),
    filterBox("Filter by kind, name or action", q, (text) => {
      ctx.replaceHash(routeHash({ page: "constraints", q: text.trim() }));
      replaceContent(holder, table(constraints, text, ctx.now));
    }),
    holder,
  ];
}

/** `#/constraints`: every constraint with its action and the latest audit's violations, filterable. */
export function constraintsView(ctx: ViewContext, q: string): HTMLElement {
  return loadingPage(
    "constraints",
    ctx,
    (signal) => ctx.api.constraints(signal),
    (d) => render(d, ctx, q),
  );
}
