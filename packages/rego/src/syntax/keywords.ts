import type { RegoVersion } from "../ast/nodes.js";

/** Keywords of every Rego version. */
export const BASE_KEYWORDS: ReadonlySet<string> = new Set([
  "package",
  "import",
  "as",
  "default",
  "else",
  "not",
  "some",
  "with",
  "null",
  "true",
  "false",
]);

/** Keywords that v0 modules enable with `import future.keywords…` and v1 always has. */
export const FUTURE_KEYWORDS: readonly string[] = ["contains", "every", "if", "in"];

/** True when `name` is a keyword of the given Rego version (with all its keywords enabled). */
export function isKeywordInVersion(name: string, version: RegoVersion): boolean {
  return BASE_KEYWORDS.has(name) || (version === 1 && FUTURE_KEYWORDS.includes(name));
}

const V1_KEYWORDS: ReadonlySet<string> = new Set([...BASE_KEYWORDS, ...FUTURE_KEYWORDS]);

/** The keyword set a parser starts with. */
export function initialKeywords(version: RegoVersion): Set<string> {
  return new Set(version === 1 ? V1_KEYWORDS : BASE_KEYWORDS);
}
