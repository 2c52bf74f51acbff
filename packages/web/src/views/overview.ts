import type {
  AuditSummary,
  AuditsResponse,
  ConfigResponse,
  ConstraintsResponse,
  TemplatesResponse,
  ViolationsResponse,
} from "../api-types.js";
import { UNKNOWN_ACTION } from "../constraint-info.js";
import { type Child, el } from "../dom.js";
import { formatCount } from "../format.js";
import { pathAt, prettyJson } from "../json.js";
import { routeHash, violationsHash } from "../routes.js";
import { allProblems, totalsByAction } from "../summaries.js";
import type { ViewContext } from "../view-context.js";
import { NO_FILTER } from "../violation-filter.js";
import { actionBadge } from "../widgets/badge.js";
import { codeBlock } from "../widgets/code.js";
import { facts } from "../widgets/facts.js";
import { loadingPage } from "../widgets/page.js";
import { problemsSection } from "../widgets/problems.js";
import { dataRow, dataTable } from "../widgets/table.js";
import { timeText } from "../widgets/time.js";
import { violationsTable } from "../widgets/violations-table.js";

/** Open violations shown on the overview; the violations page has the rest. */
const OPEN_SHOWN = 5;

interface OverviewData {
  readonly constraints: ConstraintsResponse;
  readonly templates: TemplatesResponse;
  readonly audits: AuditsResponse;
  /** The first few open violations. */
  readonly violations: ViolationsResponse;
  readonly config: ConfigResponse;
}

/** The Config's exclusions, sync and validation settings, as Gatekeeper reads them. */
function configSection({ config }: ConfigResponse): HTMLElement {
  const parts: Child[] = [];
  if (config === null) parts.push(el("p", null, "No Config: nothing is excluded and nothing is synced."));
  else {
    parts.push(el("p", { class: "muted" }, el("code", null, config.file)));
    for (const [field, label] of [
      ["match", "Exclusions (spec.match)"],
      ["sync", "Synced kinds (spec.sync)"],
      ["validation", "Validation (spec.validation)"],
    ] as const) {
      const value = pathAt(config.document, "spec", field);
      if (value !== undefined) parts.push(codeBlock(prettyJson(value), label));
    }
  }
  return el("section", { "data-section": "config" }, el("h2", null, "Gatekeeper Config"), parts);
}

function latestAudit(audit: AuditSummary | null, running: boolean, now: number): HTMLElement {
  const runningNote = el(
    "p",
    { class: running ? "note running" : "note", "data-audit-running": String(running) },
    running ? "An audit is running now." : "No audit is running.",
  );
  if (audit === null) {
    return el(
      "section",
      { "data-section": "latest-audit" },
      el("h2", null, "Latest audit"),
      el("p", null, "No audit yet."),
      runningNote,
    );
  }
  return el(
    "section",
    { "data-section": "latest-audit" },
    el("h2", null, "Latest audit"),
    facts([
      ["Audit", el("code", null, audit.auditId)],
      ["Finished", timeText(audit.finishedAt, now)],
      ["Objects reviewed", formatCount(audit.objectsReviewed)],
      ["Violations", el("a", { href: violationsHash({}) }, formatCount(audit.totalViolations))],
    ]),
    runningNote,
  );
}

function openViolations(v: ViolationsResponse, now: number): HTMLElement {
  return el(
    "section",
    { "data-section": "open-violations" },
    el("h2", null, `Open violations (${formatCount(v.total)})`),
    violationsTable(v.violations, now, { resolved: false, empty: "No open violations." }),
    v.total > v.violations.length
      ? el("p", null, el("a", { href: violationsHash({}) }, `All ${formatCount(v.total)} open violations →`))
      : null,
  );
}

function stat(name: string, value: number, label: string, href: string): HTMLElement {
  return el(
    "a",
    { class: "stat", href, "data-stat": name },
    el("span", { class: "stat-value" }, formatCount(value)),
    el("span", { class: "stat-label" }, label),
  );
}

function render(d: OverviewData, now: number): Child[] {
  const totals = totalsByAction(d.constraints.constraints);
  const problems = allProblems(d.templates);
  const templates = d.templates.templates.length;
  const constraints = d.constraints.constraints.length;
  return [
    el("h1", null, "Overview"),
    el(
      "div",
      { class: "stats" },
      stat(
        "templates",
        templates,
        templates === 1 ? "template" : "templates",
        routeHash({ page: "templates", q: "" }),
      ),
      stat(
        "constraints",
        constraints,
        constraints === 1 ? "constraint" : "constraints",
        routeHash({ page: "constraints", q: "" }),
      ),
    ),
    latestAudit(d.constraints.audit, d.audits.running, now),
    problemsSection(problems),
    el(
      "section",
      { "data-section": "actions" },
      el("h2", null, "Violations by enforcement action"),
      dataTable(
        "actions",
        ["Action", "Constraints", "Violations"],
        totals.map((t) =>
          dataRow(
            t.action === UNKNOWN_ACTION
              ? el("span", { class: "muted" }, "not loaded")
              : actionBadge(t.action),
            t.audited === t.constraints
              ? formatCount(t.constraints)
              : `${formatCount(t.constraints)} (${formatCount(t.audited)} audited)`,
            t.action === UNKNOWN_ACTION
              ? formatCount(t.violations)
              : el("a", { href: violationsHash({ action: t.action }) }, formatCount(t.violations)),
          ),
        ),
        "No constraints.",
      ),
    ),
    openViolations(d.violations, now),
    configSection(d.config),
    el(
      "section",
      { "data-section": "audits" },
      el("h2", null, "Last audits"),
      dataTable(
        "audits",
        ["Finished", "Objects", "Violations", "New", "Resolved"],
        d.audits.audits.map((a) =>
          dataRow(
            timeText(a.finishedAt, now),
            formatCount(a.objectsReviewed),
            formatCount(a.totalViolations),
            formatCount(a.newViolations),
            formatCount(a.resolvedViolations),
          ),
        ),
        "No audit yet.",
      ),
    ),
  ];
}

/** `#/`: the latest audit, the counts, violations per action, policy problems, the Config and the last audits. */
export function overviewView(ctx: ViewContext): HTMLElement {
  return loadingPage(
    "overview",
    ctx,
    async (signal): Promise<OverviewData> => {
      const [constraints, templates, audits, violations, config] = await Promise.all([
        ctx.api.constraints(signal),
        ctx.api.templates(signal),
        ctx.api.audits(10, signal),
        ctx.api.violations(NO_FILTER, OPEN_SHOWN, 0, signal),
        ctx.api.config(signal),
      ]);
      return { constraints, templates, audits, violations, config };
    },
    (d) => render(d, ctx.now),
  );
}
