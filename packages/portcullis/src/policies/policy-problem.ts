import type { PolicyProblem } from "../api/shapes.js";

export type { PolicyProblem } from "../api/shapes.js";

/** `file[:line:col]: message` (the message usually names the file already). */
export function problemText(p: PolicyProblem): string {
  if (p.message.startsWith(p.file)) return p.message;
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.col ?? 1}` : p.file;
  return `${where}: ${p.message}`;
}
