import { el } from "../dom.js";

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
