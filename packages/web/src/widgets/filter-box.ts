import { el } from "../dom.js";

/**
 * A text box that narrows a list as one types: `onChange` gets the text at each keystroke.
 */
export function filterBox(label: string, value: string, onChange: (text: string) => void): HTMLElement {
  const input = el("input", {
    type: "search",
    value,
    placeholder: label,
    "aria-label": label,
    "data-filter": "text",
  });
  input.addEventListener("input", () => onChange(input.value));
  return el("div", { class: "filter-box" }, input);
}
