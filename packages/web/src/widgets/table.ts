import { type Child, el } from "../dom.js";

/** A table row of one item (`data-row`, which the browser tests count). */
export function dataRow(...cells: Child[]): HTMLTableRowElement {
  return el(
    "tr",
    { "data-row": true },
    cells.map((c) => el("td", null, c)),
  );
}

/**
 * A table (`data-table=name`) with a header row and `rows`; with no rows, one cell saying `empty`
 * (not a `data-row`).
 */
export function dataTable(
  name: string,
  headers: readonly string[],
  rows: readonly HTMLTableRowElement[],
  empty: string,
): HTMLTableElement {
  const body =
    rows.length > 0 ? rows : [el("tr", { class: "empty" }, el("td", { colspan: headers.length }, empty))];
  return el(
    "table",
    { class: "data", "data-table": name },
    el(
      "thead",
      null,
      el(
        "tr",
        null,
        headers.map((h) => el("th", { scope: "col" }, h)),
      ),
    ),
    el("tbody", null, body),
  );
}
