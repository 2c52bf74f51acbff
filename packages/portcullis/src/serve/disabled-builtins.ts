import { defaultBuiltins } from "@portcullis/rego";

/**
 * Builtins disabled when `--disable-opa-builtin` is not given: `http.send`, as Gatekeeper's
 * chart and manifests disable it (Portcullis gives policies no HTTP transport, so a template
 * that calls it could only fail at each evaluation).
 */
export const DEFAULT_DISABLED_BUILTINS: readonly string[] = ["http.send"];

/**
 * The builtin names `--disable-opa-builtin` values give: each value is a name, or several in
 * braces and separated by commas as Gatekeeper's chart writes them (`{http.send}`). No value at
 * all means {@link DEFAULT_DISABLED_BUILTINS}.
 */
export function disabledBuiltinNames(values: readonly string[]): readonly string[] {
  if (values.length === 0) return DEFAULT_DISABLED_BUILTINS;
  const names = new Set<string>();
  for (const value of values) {
    const trimmed = value.trim();
    const inner = trimmed.startsWith("{") && trimmed.endsWith("}") ? trimmed.slice(1, -1) : trimmed;
    for (const name of inner.split(",")) if (name.trim() !== "") names.add(name.trim());
  }
  return [...names];
}

/** The names among `names` that are not builtins of the Rego engine (nothing to disable). */
export function unknownBuiltins(names: readonly string[]): readonly string[] {
  const registry = defaultBuiltins();
  return names.filter((n) => !registry.has(n));
}
