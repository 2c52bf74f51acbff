/**
 * A text table as OPA's pretty output draws it (olekukonko/tablewriter's default style):
 * `+---+` rules, header cells centred, body cells left-aligned, one space of padding.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const rule = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  const line = (cells: readonly string[], align: (s: string, w: number) => string): string =>
    `|${widths.map((w, i) => ` ${align(cells[i] ?? "", w)} `).join("|")}|`;
  return [rule, line(header, center), rule, ...rows.map((r) => line(r, left)), rule]
    .map((l) => `${l}\n`)
    .join("");
}

function width(s: string): number {
  return [...s].length;
}

function center(s: string, w: number): string {
  const gap = w - width(s);
  if (gap <= 0) return s;
  const l = Math.floor(gap / 2);
  return " ".repeat(l) + s + " ".repeat(gap - l);
}

function left(s: string, w: number): string {
  return s + " ".repeat(Math.max(0, w - width(s)));
}
