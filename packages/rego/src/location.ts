/** A position in a Rego source: 1-based row and column, 0-based offset. Mirrors OPA's `location.Location`. */
export interface Location {
  readonly file: string;
  readonly row: number;
  readonly col: number;
  readonly offset: number;
}

/** Orders locations by file, then row, then column (OPA's `Errors.Sort`). */
export function compareLocations(a: Location | undefined, b: Location | undefined): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.row !== b.row) return a.row - b.row;
  return a.col - b.col;
}

/** `file:row` as OPA prints a location in messages (`file:row:col` when `withCol`). */
export function formatLocation(loc: Location, withCol = true): string {
  return withCol ? `${loc.file}:${loc.row}:${loc.col}` : `${loc.file}:${loc.row}`;
}

/** The source line of `loc` with a caret under its column, for error frames. */
export function codeFrame(text: string, loc: Location): string {
  const lines = text.split("\n");
  const line = lines[loc.row - 1];
  if (line === undefined) return "";
  return `\t${line}\n\t${" ".repeat(Math.max(0, loc.col - 1))}^`;
}
