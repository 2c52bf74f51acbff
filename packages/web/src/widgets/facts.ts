import { type Child, el } from "../dom.js";

/** A definition list of label and value pairs; pairs whose value is null are left out. */
export function facts(pairs: readonly (readonly [string, Child])[]): HTMLElement {
  return el(
    "dl",
    { class: "facts" },
    pairs
      .filter(([, value]) => value !== null)
      .map(([label, value]) => [el("dt", null, label), el("dd", null, value)]),
  );
}
