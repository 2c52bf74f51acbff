import type { StoredViolation } from "../api-types.js";
import { el } from "../dom.js";
import { formatNamespacedName, formatObjectRef } from "../format.js";
import { constraintHash } from "../routes.js";
import { actionBadge } from "./badge.js";
import { dataRow, dataTable } from "./table.js";
import { timeText } from "./time.js";

/** The action badge of a stored violation, with the actions of a scoped one's points. */
function violationAction(v: StoredViolation): HTMLElement {
  if (v.enforcementAction !== "scoped" || v.enforcementActions.length === 0)
    return actionBadge(v.enforcementAction);
  return el("span", { class: "badges" }, actionBadge("scoped"), v.enforcementActions.map(actionBadge));
}

/** The table of stored violations (`data-table="violations"`); `resolved` adds the resolved-at column. */
export function violationsTable(
  violations: readonly StoredViolation[],
  now: number,
  options: { resolved: boolean; empty: string },
): HTMLTableElement {
  const headers = ["Constraint", "Action", "Object", "Message", "First seen", "Last seen"];
  if (options.resolved) headers.push("Resolved");
  const rows = violations.map((v) => {
    const cells = [
      el(
        "a",
        { href: constraintHash(v.constraint.kind, v.constraint.name), title: v.constraint.kind },
        v.constraint.name,
      ),
      violationAction(v),
      el(
        "span",
        { class: "object", title: formatObjectRef(v.object) },
        el("strong", null, v.object.kind),
        " ",
        formatNamespacedName(v.object.namespace, v.object.name),
      ),
      el("span", { class: "message" }, v.message),
      timeText(v.firstSeen, now),
      timeText(v.lastSeen, now),
    ];
    if (options.resolved) cells.push(timeText(v.resolvedAt, now));
    return dataRow(...cells);
  });
  return dataTable("violations", headers, rows, options.empty);
}
