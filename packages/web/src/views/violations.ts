import type { ViolationsResponse } from "../api-types.js";
import { type Child, el } from "../dom.js";
import { PAGE_SIZE } from "../paging.js";
import { routeHash } from "../routes.js";
import type { ViewContext } from "../view-context.js";
import { isFiltered, NO_FILTER, readFilter, type ViolationFilter } from "../violation-filter.js";
import { loadingPage } from "../widgets/page.js";
import { pager } from "../widgets/pager.js";
import { violationsTable } from "../widgets/violations-table.js";

function textField(name: keyof ViolationFilter, label: string, value: string): HTMLElement {
  return el("label", null, el("span", null, label), el("input", { type: "text", name, value }));
}

function selectField(
  name: string,
  label: string,
  value: string,
  options: readonly (readonly [string, string])[],
): HTMLElement {
  // Keep a value the hash names that the list lacks, so that submitting does not drop it.
  const all = options.some(([v]) => v === value) ? options : [...options, [value, value] as const];
  return el(
    "label",
    null,
    el("span", null, label),
    el(
      "select",
      { name },
      all.map(([v, text]) => el("option", { value: v, selected: v === value }, text)),
    ),
  );
}

function filterForm(filter: ViolationFilter, ctx: ViewContext): HTMLFormElement {
  const form = el(
    "form",
    { class: "filters", "data-form": "violations" },
    textField("constraint", "Constraint", filter.constraint),
    textField("constraintKind", "Constraint kind", filter.constraintKind),
    textField("namespace", "Namespace", filter.namespace),
    textField("kind", "Object kind", filter.kind),
    textField("name", "Object name", filter.name),
    selectField("action", "Action", filter.action, [
      ["", "any"],
      ["deny", "deny"],
      ["warn", "warn"],
      ["dryrun", "dryrun"],
    ]),
    textField("text", "Message text", filter.text),
    selectField("state", "State", filter.state, [
      ["open", "open"],
      ["resolved", "resolved"],
      ["all", "all"],
    ]),
    el(
      "div",
      { class: "filter-actions" },
      el("button", { type: "submit" }, "Filter"),
      el("a", { href: routeHash({ page: "violations", filter: NO_FILTER, offset: 0 }) }, "Clear"),
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = readFilter((name) => {
      const v = data.get(name);
      return typeof v === "string" ? v : null;
    });
    ctx.navigate(routeHash({ page: "violations", filter: next, offset: 0 }));
  });
  return form;
}

function render(d: ViolationsResponse, filter: ViolationFilter, now: number): Child[] {
  const empty = isFiltered(filter) ? "No violation matches these filters." : "No open violations.";
  return [
    violationsTable(d.violations, now, { resolved: filter.state !== "open", empty }),
    pager(d.offset, d.violations.length, d.total, (offset) =>
      routeHash({ page: "violations", filter, offset }),
    ),
  ];
}

/** `#/violations?…`: the violation store, filtered by the form's values, 50 to a page. */
export function violationsView(ctx: ViewContext, filter: ViolationFilter, offset: number): HTMLElement {
  return loadingPage(
    "violations",
    ctx,
    (signal) => ctx.api.violations(filter, PAGE_SIZE, offset, signal),
    (d) => render(d, filter, ctx.now),
    [el("h1", null, "Violations"), filterForm(filter, ctx)],
  );
}
