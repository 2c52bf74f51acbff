import type { TemplateSummary, TemplatesResponse } from "../api-types.js";
import { type Child, el, replaceContent } from "../dom.js";
import { formatCount, formatCounted, formatOptionalCount, formatProblemLocation } from "../format.js";
import { matchesQuery, sortByKindAndName } from "../lists.js";
import { routeHash } from "../routes.js";
import { allProblems, templateViolations } from "../summaries.js";
import type { ViewContext } from "../view-context.js";
import { engineBadge } from "../widgets/badge.js";
import { filterBox } from "../widgets/filter-box.js";
import { loadingPage } from "../widgets/page.js";
import { problemsSection } from "../widgets/problems.js";
import { dataRow, dataTable } from "../widgets/table.js";

function problemMarker(t: TemplateSummary): HTMLElement | null {
  if (t.problems.length === 0) return null;
  const title = t.problems.map((p) => `${formatProblemLocation(p)}: ${p.message}`).join("\n");
  return el(
    "span",
    { class: "badge badge-warn", title, "data-problems": t.problems.length },
    `⚠ ${formatCounted(t.problems.length, "problem")}`,
  );
}

function table(templates: readonly TemplateSummary[], q: string): HTMLTableElement {
  const shown = templates.filter((t) => matchesQuery(q, [t.kind, t.name]));
  return dataTable(
    "templates",
    ["Kind", "Name", "Engines", "Constraints", "Violations", ""],
    shown.map((t) =>
      dataRow(
        el("a", { href: routeHash({ page: "template", name: t.name }) }, t.kind),
        t.name,
        el("span", { class: "badges" }, t.engines.map(engineBadge)),
        formatCount(t.constraints.length),
        formatOptionalCount(templateViolations(t)),
        problemMarker(t),
      ),
    ),
    templates.length === 0 ? "No templates are loaded." : "No template matches the filter.",
  );
}

function render(d: TemplatesResponse, ctx: ViewContext, q: string): Child[] {
  const templates = sortByKindAndName(d.templates, (t) => t);
  const holder = el("div", { class: "table-holder" }, table(templates, q));
  const problems = allProblems(d);
  return [
    el("h1", null, "Templates"),
    filterBox("Filter by kind or name", q, (text) => {
      ctx.replaceHash(routeHash({ page: "templates", q: text.trim() }));
      replaceContent(holder, table(templates, text));
    }),
    holder,
    problemsSection(problems),
  ];
}

/** `#/templates`: every ConstraintTemplate with its engines, constraints and violations, filterable. */
export function templatesView(ctx: ViewContext, q: string): HTMLElement {
  return loadingPage(
    "templates",
    ctx,
    (signal) => ctx.api.templates(signal),
    (d) => render(d, ctx, q),
  );
}
