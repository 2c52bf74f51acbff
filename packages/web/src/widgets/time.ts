import { el } from "../dom.js";
import { formatRelative, formatTime } from "../format.js";

/** A time as `2026-11-28 21:10:03 UTC` with how long ago it was; `–` when there is none. */
export function timeText(iso: string | null | undefined, now: number): HTMLElement {
  if (!iso) return el("span", { class: "muted" }, "–");
  const relative = formatRelative(iso, now);
  return el(
    "span",
    { class: "time" },
    el("time", { datetime: iso }, formatTime(iso)),
    relative ? el("span", { class: "muted" }, ` (${relative})`) : null,
  );
}
