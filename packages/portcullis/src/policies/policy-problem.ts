/** Something wrong with one file or document of a policies directory; loading goes on. */
export interface PolicyProblem {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
  /** Stable code: `invalid_yaml`, `template_*`, `rego_*`, `constraint_*`, `config_*`, … */
  readonly code: string;
  readonly message: string;
}

/** `file[:line:col]: message` (the message usually names the file already). */
export function problemText(p: PolicyProblem): string {
  if (p.message.startsWith(p.file)) return p.message;
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.col ?? 1}` : p.file;
  return `${where}: ${p.message}`;
}
