import type { PreviewResult, ReviewPreview, ReviewPreviewResponse } from "../api-types.js";
import { type Child, el, replaceContent } from "../dom.js";
import { formatCount, formatCounted } from "../format.js";
import { REVIEW_OPERATIONS, reviewHeading, reviewRequest, verdictOf } from "../review-info.js";
import { constraintHash, templateHashOfKind } from "../routes.js";
import type { ViewContext } from "../view-context.js";
import { actionBadge, verdictBadge } from "../widgets/badge.js";
import { errorBanner } from "../widgets/error-banner.js";
import { dataRow, dataTable } from "../widgets/table.js";

const PLACEHOLDER = [
  "apiVersion: v1",
  "kind: Pod",
  "metadata:",
  "  name: nginx",
  "  namespace: default",
  "spec:",
  "  containers:",
  "    - name: nginx",
  "      image: nginx:1.27",
  "---",
  "# more documents…",
].join("\n");

const SUBMIT_LABEL = "Review";
const BUSY_LABEL = "Reviewing…";

function resultsTable(results: readonly PreviewResult[]): HTMLTableElement {
  return dataTable(
    "review-results",
    ["Kind", "Constraint", "Actions", "Message"],
    results.map((r) =>
      dataRow(
        el("a", { href: templateHashOfKind(r.constraint.kind) }, r.constraint.kind),
        el("a", { href: constraintHash(r.constraint.kind, r.constraint.name) }, r.constraint.name),
        el("span", { class: "badges" }, r.actions.map(actionBadge)),
        el("span", { class: "message" }, r.message),
      ),
    ),
    "No violations.",
  );
}

function reviewSection(r: ReviewPreview): HTMLElement {
  const subtitle = [r.object.apiVersion, `document ${formatCount(r.document)}`].filter((s) => s !== "");
  return el(
    "section",
    { class: "review", "data-review": r.document },
    el(
      "h2",
      null,
      reviewHeading(r),
      " ",
      verdictBadge(verdictOf(r)),
      " ",
      el("span", { class: "subtitle" }, subtitle.join(" · ")),
    ),
    r.message !== "" ? el("pre", { class: "review-message", "data-field": "message" }, r.message) : null,
    r.warnings.length > 0
      ? [
          el("h3", null, "Warnings"),
          el(
            "ul",
            { class: "warnings", "data-list": "warnings" },
            r.warnings.map((w) => el("li", null, w)),
          ),
        ]
      : null,
    el("h3", null, "Results"),
    resultsTable(r.results),
    r.trace !== undefined
      ? el(
          "details",
          { class: "trace", "data-trace": true },
          el("summary", null, "Trace"),
          el("pre", { class: "trace" }, r.trace),
        )
      : null,
  );
}

function renderReviews(d: ReviewPreviewResponse): Child[] {
  const refused = d.reviews.filter((r) => !r.allowed).length;
  return [
    el(
      "p",
      { class: "note", "data-summary": true },
      `${formatCounted(d.reviews.length, "document")} reviewed, ${formatCount(refused)} not allowed.`,
    ),
    d.reviews.map(reviewSection),
  ];
}

function labelled(label: string, control: HTMLElement, cls: string | null = null): HTMLLabelElement {
  return el("label", { class: cls }, el("span", null, label), control);
}

/**
 * `#/review`: a form whose objects (YAML or JSON) the server reviews as the admission webhook
 * would, nothing admitted; each document's verdict, message, warnings, violations and optional
 * Rego trace show below it. The form is built once, so what is typed survives each review.
 */
export function reviewView(ctx: ViewContext): HTMLElement {
  const text = el("textarea", {
    class: "review-text",
    name: "text",
    "data-field": "text",
    rows: 16,
    placeholder: PLACEHOLDER,
    spellcheck: "false",
    autocapitalize: "off",
    autocomplete: "off",
    wrap: "off",
  });
  const username = el("input", {
    type: "text",
    name: "username",
    "data-field": "username",
    placeholder: "portcullis-preview",
    autocomplete: "off",
  });
  const operation = el(
    "select",
    { name: "operation", "data-field": "operation" },
    REVIEW_OPERATIONS.map((op) => el("option", { value: op }, op)),
  );
  const trace = el("input", { type: "checkbox", name: "trace", "data-field": "trace" });
  const button = el("button", { type: "submit" }, SUBMIT_LABEL);
  const form = el(
    "form",
    { class: "filters review-form", "data-form": "review" },
    labelled("Objects: YAML or JSON, documents separated by ---", text, "review-text-field"),
    labelled("Username", username),
    labelled("Operation", operation),
    el("label", { class: "checkbox" }, trace, " Trace Rego evaluation"),
    el("div", { class: "filter-actions" }, button),
  );
  const results = el("div", { class: "page-body review-results", "data-state": "idle" });

  const setBusy = (busy: boolean): void => {
    button.disabled = busy;
    button.textContent = busy ? BUSY_LABEL : SUBMIT_LABEL;
    form.setAttribute("aria-busy", String(busy));
    results.setAttribute("aria-busy", String(busy));
  };

  let current: AbortController | null = null;
  const submit = async (): Promise<void> => {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    const leave = (): void => controller.abort();
    ctx.signal.addEventListener("abort", leave, { once: true });
    setBusy(true);
    results.setAttribute("data-state", "busy");
    replaceContent(results, el("p", { class: "loading" }, BUSY_LABEL));
    const request = reviewRequest({
      text: text.value,
      username: username.value,
      operation: operation.value,
      trace: trace.checked,
    });
    try {
      const d = await ctx.api.review(request, controller.signal);
      if (controller.signal.aborted) return;
      replaceContent(results, renderReviews(d));
      results.setAttribute("data-state", "done");
    } catch (e: unknown) {
      if (controller.signal.aborted) return;
      replaceContent(results, errorBanner(e, "Could not review the text"));
      results.setAttribute("data-state", "error");
    } finally {
      ctx.signal.removeEventListener("abort", leave);
      if (current === controller) {
        current = null;
        setBusy(false);
      }
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void submit();
  });
  // Ctrl+Enter (⌘+Enter) in the text reviews it, as the button does.
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  return el(
    "section",
    { class: "page", "data-page": "review", "data-ready": "true" },
    el("h1", null, "Review"),
    el(
      "p",
      { class: "note" },
      "Each document is reviewed as the admission webhook would decide a request to create, update ",
      "or delete it, with every constraint in force; nothing is admitted or stored. AdmissionReviews ",
      "are reviewed as they are.",
    ),
    form,
    results,
  );
}
