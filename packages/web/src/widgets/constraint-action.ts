import type { Constraint } from "../api-types.js";
import { enforcementActionOf, scopedActionsOf, UNKNOWN_ACTION } from "../constraint-info.js";
import { el } from "../dom.js";
import { actionBadge } from "./badge.js";

/** A constraint's action badge; for `scoped`, each scoped action and the points it applies at. */
export function constraintAction(c: Constraint): HTMLElement {
  const action = enforcementActionOf(c);
  if (action === UNKNOWN_ACTION)
    return el("span", { class: "muted", title: "Not among the loaded policies" }, "not loaded");
  if (action !== "scoped") return actionBadge(action);
  return el(
    "span",
    { class: "badges" },
    actionBadge("scoped"),
    scopedActionsOf(c).map((s) =>
      el(
        "span",
        { class: "scoped" },
        actionBadge(s.action),
        s.points.length > 0 ? el("span", { class: "muted" }, ` ${s.points.join(", ")}`) : null,
      ),
    ),
  );
}
