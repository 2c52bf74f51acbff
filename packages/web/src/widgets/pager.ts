import { el } from "../dom.js";
import { pageInfo } from "../paging.js";

/** `1–50 of 312` with links to the previous and next pages; `hashAt` gives a page's hash by offset. */
export function pager(
  offset: number,
  shown: number,
  total: number,
  hashAt: (offset: number) => string,
): HTMLElement {
  const info = pageInfo(offset, shown, total);
  const link = (to: number | null, text: string, rel: string): HTMLElement =>
    to === null
      ? el("span", { class: "pager-link disabled", "aria-disabled": "true" }, text)
      : el("a", { class: "pager-link", href: hashAt(to), rel }, text);
  return el(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    link(info.previous, "← Previous", "prev"),
    el("span", { class: "pager-label", "data-pager": "label" }, info.label),
    link(info.next, "Next →", "next"),
  );
}
