/**
 * Gatekeeper's wildcard globs (namespaces, excludedNamespaces, name): `x*` prefix, `*x` suffix,
 * `*x*` contains, otherwise an exact match. Compiled once into a predicate.
 */
export type WildcardPredicate = (candidate: string) => boolean;

/** Compiles a wildcard pattern. */
export function compileWildcard(pattern: string): WildcardPredicate {
  const leading = pattern.startsWith("*");
  const trailing = pattern.length > 1 && pattern.endsWith("*");
  if (pattern === "*") return () => true;
  if (leading && trailing) {
    const mid = pattern.slice(1, -1);
    return (c) => c.includes(mid);
  }
  if (leading) {
    const suffix = pattern.slice(1);
    return (c) => c.endsWith(suffix);
  }
  if (trailing) {
    const prefix = pattern.slice(0, -1);
    return (c) => c.startsWith(prefix);
  }
  return (c) => c === pattern;
}

/**
 * Whether a `name` glob matches a `generateName`: only prefix (`x*`) and contains (`*x*`) globs
 * can, and an empty generateName never does.
 */
export function compileGenerateNameWildcard(pattern: string): WildcardPredicate {
  if (pattern.length > 1 && pattern.endsWith("*")) {
    if (pattern.startsWith("*")) {
      const mid = pattern.slice(1, -1);
      return (c) => c !== "" && c.includes(mid);
    }
    const prefix = pattern.slice(0, -1);
    return (c) => c !== "" && c.startsWith(prefix);
  }
  if (pattern === "*") return (c) => c !== "";
  return () => false;
}

/** Compiles a list of wildcards into one predicate that is true when any matches. */
export function compileWildcardList(patterns: readonly string[]): WildcardPredicate {
  const exact = new Set<string>();
  const globs: WildcardPredicate[] = [];
  for (const p of patterns) {
    if (p.includes("*")) globs.push(compileWildcard(p));
    else exact.add(p);
  }
  if (globs.length === 0) return (c) => exact.has(c);
  return (c) => {
    if (exact.has(c)) return true;
    for (const g of globs) if (g(c)) return true;
    return false;
  };
}
