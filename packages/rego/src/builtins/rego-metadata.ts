import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

/**
 * `rego.metadata.chain()` and `rego.metadata.rule()`. Inside rules the compiler replaces each call
 * with the annotations of the rule it is in (OPA's RewriteRegoMetadataCalls); these
 * implementations answer for queries, which have no annotations.
 */
export const regoMetadataBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("rego.metadata.chain", [], p("chain", T.arrayOf(T.any))),
    impl: () => [],
  },
  {
    decl: decl("rego.metadata.rule", [], p("output", T.any)),
    impl: () => ({}),
  },
];
