import type { TemplateDetail } from "../api-types.js";
import { type Child, el } from "../dom.js";
import { formatOptionalCount } from "../format.js";
import { prettyJson } from "../json.js";
import { sortByKindAndName } from "../lists.js";
import { constraintHash } from "../routes.js";
import { parametersSchema, templateCode } from "../template-code.js";
import type { ViewContext } from "../view-context.js";
import { actionBadge, engineBadge } from "../widgets/badge.js";
import { codeBlock } from "../widgets/code.js";
import { facts } from "../widgets/facts.js";
import { loadingPage } from "../widgets/page.js";
import { problemList } from "../widgets/problems.js";
import { dataRow, dataTable } from "../widgets/table.js";
import { timeText } from "../widgets/time.js";

function codeSections(t: TemplateDetail): HTMLElement {
  const sections = templateCode(t.document);
  return el(
    "section",
    { "data-section": "code" },
    el("h2", null, "Code"),
    sections.length === 0 ? el("p", { class: "muted" }, "The template has no code.") : null,
    sections.map((s) =>
      el(
        "div",
        { class: "code-section", "data-engine": s.engine },
        el(
          "h3",
          null,
          engineBadge(s.engine),
          " ",
          el("span", { class: "muted" }, s.legacy ? `${s.target}, spec.targets[].rego (legacy)` : s.target),
        ),
        s.blocks.length === 0 ? el("p", { class: "muted" }, "No source.") : null,
        s.blocks.map((b) => codeBlock(b.text, b.label)),
      ),
    ),
  );
}

function render(t: TemplateDetail, now: number): Child[] {
  const schema = parametersSchema(t.document);
  return [
    el("h1", null, t.kind, " ", el("span", { class: "subtitle" }, "ConstraintTemplate")),
    facts([
      ["Name", el("code", null, t.name)],
      ["Kind", t.kind],
      ["Description", t.description],
      ["File", el("code", null, t.file)],
      ["Engines", el("span", { class: "badges" }, t.engines.map(engineBadge))],
    ]),
    t.problems.length > 0
      ? el(
          "section",
          { class: "error-section", "data-section": "problems" },
          el("h2", null, "Problems"),
          problemList(t.problems),
        )
      : null,
    el(
      "section",
      { "data-section": "constraints" },
      el("h2", null, "Constraints"),
      dataTable(
        "template-constraints",
        ["Name", "Action", "Violations", "Audited"],
        sortByKindAndName(t.constraints, (c) => c).map((c) =>
          dataRow(
            el("a", { href: constraintHash(c.kind, c.name) }, c.name),
            actionBadge(c.enforcementAction),
            formatOptionalCount(c.totalViolations),
            timeText(c.auditTimestamp, now),
          ),
        ),
        "No constraint uses this template.",
      ),
    ),
    codeSections(t),
    schema !== undefined
      ? el(
          "section",
          { "data-section": "parameters" },
          el("h2", null, "Parameters schema"),
          codeBlock(prettyJson(schema)),
        )
      : null,
  ];
}

/** `#/templates/<name>`: one ConstraintTemplate, its problems, constraints, code and parameters schema. */
export function templateView(ctx: ViewContext, name: string): HTMLElement {
  return loadingPage(
    "template",
    ctx,
    (signal) => ctx.api.template(name, signal),
    (t) => render(t, ctx.now),
  );
}
