/**
 * Lays out rows of cells in columns, each cell but a row's last padded to its column's widest
 * cell plus `gap` spaces (Go's `tabwriter` with padding 2 by default), each line without
 * trailing spaces. Widths count code points.
 */
export function alignRows(rows: readonly (readonly string[])[], gap = 2): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      if (i < row.length - 1) widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i < row.length - 1 ? cell + " ".repeat((widths[i] ?? 0) - [...cell].length + gap) : cell,
        )
        .join("")
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}
