import type { Problem } from "../api-types.js";
import { el } from "../dom.js";
import { formatCount, formatProblemLocation } from "../format.js";

/** Policy load problems as a list of `file:line:col code: message`, marked as errors. */
export function problemList(problems: readonly Problem[]): HTMLElement {
  return el(
    "ul",
    { class: "problems", "data-list": "problems" },
    problems.map((p) =>
      el(
        "li",
        null,
        el("code", null, formatProblemLocation(p)),
        " ",
        el("strong", null, p.code),
        ": ",
        p.message,
      ),
    ),
  );
}

/** A "Policy problems (N)" section listing `problems`; nothing when there are none. */
export function problemsSection(problems: readonly Problem[]): HTMLElement | null {
  if (problems.length === 0) return null;
  return el(
    "section",
    { class: "error-section", "data-section": "problems" },
    el("h2", null, `Policy problems (${formatCount(problems.length)})`),
    problemList(problems),
  );
}
