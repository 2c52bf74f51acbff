import { el } from "../dom.js";
import type { Verdict } from "../review-info.js";

const STYLED_ACTIONS = new Set(["deny", "warn", "dryrun", "scoped"]);

/** A badge naming an enforcement action, coloured for deny, warn, dryrun and scoped. */
export function actionBadge(action: string): HTMLElement {
  const cls = STYLED_ACTIONS.has(action) ? `badge badge-${action}` : "badge";
  return el("span", { class: cls }, action);
}

/** A badge naming a code engine, such as `Rego` or `K8sNativeValidation` (CEL). */
export function engineBadge(engine: string): HTMLElement {
  const title = engine === "K8sNativeValidation" ? "CEL" : null;
  return el("span", { class: "badge badge-engine", title }, engine);
}

/** A badge of a review's verdict (`Denied 403`, `Allowed`…), coloured by how it came out. */
export function verdictBadge(verdict: Verdict): HTMLElement {
  return el("span", { class: `badge badge-${verdict.tone}`, "data-verdict": verdict.tone }, verdict.label);
}
