import { el } from "../dom.js";

/** A hash that names no page. */
export function notFoundView(path: string): HTMLElement {
  return el(
    "section",
    { class: "page", "data-page": "not-found" },
    el("h1", null, "Not found"),
    el("div", { class: "error-banner", role: "alert" }, "No page at ", el("code", null, `#${path}`), "."),
    el("p", null, el("a", { href: "#/" }, "Go to the overview")),
  );
}
