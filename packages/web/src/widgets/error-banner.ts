import { ApiError } from "../api-client.js";
import { el } from "../dom.js";

/**
 * A visible error (`role="alert"`) saying what failed: the API's message and code, or the error's;
 * `failed` says what could not be done.
 */
export function errorBanner(e: unknown, failed = "Could not load this page"): HTMLElement {
  if (e instanceof ApiError) {
    const status = e.status > 0 ? `${e.status} ` : "";
    return el(
      "div",
      { class: "error-banner", role: "alert" },
      el("strong", null, `${failed}: `),
      e.message,
      el("span", { class: "muted" }, ` (${status}${e.code})`),
    );
  }
  const message = e instanceof Error ? e.message : String(e);
  return el(
    "div",
    { class: "error-banner", role: "alert" },
    el("strong", null, "Something went wrong: "),
    message,
  );
}
