import type { Problem } from "../api-types.js";
import { el } from "../dom.js";
import { formatProblemLocation } from "../format.js";

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
