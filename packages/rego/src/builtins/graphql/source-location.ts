import type { SourcePos } from "./ast-types.js";

/**
 * Turns UTF-16 offsets (what graphql-js reports) into gqlparser's 1-based line and column, where
 * `\r\n`, `\r` and `\n` end lines and columns count Unicode code points.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        this.starts.push(i + 1);
      } else if (c === 0x0a) {
        this.starts.push(i + 1);
      }
    }
  }

  /** The position of `offset` (clamped to the text). */
  locate(offset: number): SourcePos {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: 1 + this.codePoints(this.starts[lo] ?? 0, at) };
  }

  /**
   * The position gqlparser gives a token starting at `start`: string tokens are placed after their
   * opening quotes, and block strings also on the line where they end (so the column may be off
   * the line, even below 1).
   */
  locateToken(kind: string, start: number, end: number): SourcePos {
    if (kind === "String") return this.locate(start + 1);
    if (kind !== "BlockString") return this.locate(start);
    const line = this.locate(Math.max(start, end - 3)).line;
    const lineStart = this.starts[line - 1] ?? 0;
    const from = start + 3;
    const column =
      from >= lineStart ? 1 + this.codePoints(lineStart, from) : 1 - this.codePoints(from, lineStart);
    return { line, column };
  }

  private codePoints(from: number, to: number): number {
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < to) {
        const d = this.text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d < 0xe000) i++;
      }
      n++;
    }
    return n;
  }
}
