/** cel-go's wording for the runtime errors Kubernetes users see, from @bufbuild/cel's errors. */
import type { CelError } from "@bufbuild/cel";

const REWRITES: readonly [RegExp, string][] = [
  [/^field not found: (.*)$/s, "no such key: $1"],
  [/^found no matching overload for '(.*?)' applied to '\((.*)\)'$/s, "no such overload: $1($2)"],
  [/^found no matching overload for (.*)$/s, "no such overload: $1"],
  [/^unbound function: (.*)$/s, "no such overload: $1"],
  [/^index (-?\d+) out of bounds \[0, -?\d+\)$/, "index out of bounds: $1"],
  [/^u?int divide by zero$/, "division by zero"],
  [/^u?int modulus by zero$/, "modulus by zero"],
  [/^int overflow during .*$/s, "integer overflow"],
  [/^uint overflow during .*$/s, "unsigned integer overflow"],
  [/^type mismatch: expected bool, got (.*)$/s, "no such overload: expected bool, got $1"],
];

/** The message of a CEL error value in cel-go's words where they differ. */
export function celErrorText(e: CelError | string): string {
  const message = typeof e === "string" ? e : e.message;
  for (const [pattern, replacement] of REWRITES)
    if (pattern.test(message)) return message.replace(pattern, replacement);
  return message;
}
