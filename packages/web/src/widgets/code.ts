import { el } from "../dom.js";

/** A monospace block of source or JSON, scrolling sideways rather than wrapping; `label` above it. */
export function codeBlock(text: string, label?: string): HTMLElement {
  return el(
    "div",
    { class: "code" },
    label ? el("div", { class: "muted" }, label) : null,
    el("pre", null, el("code", null, text)),
  );
}
