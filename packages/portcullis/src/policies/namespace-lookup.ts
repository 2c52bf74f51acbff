import type { NamespaceLookup } from "@portcullis/constraint";

type Json = Record<string, unknown>;

/** The label the apiserver sets on every Namespace. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

const MAX_SYNTHESIZED = 10000;

/**
 * A Namespace lookup for a server without a cluster: Namespace objects given with the policies,
 * else a minimal Namespace carrying only the `kubernetes.io/metadata.name` label the apiserver
 * sets on every Namespace (the namespace of an admitted object exists). Synthesized objects are
 * cached, up to a bound.
 */
export function namespaceLookup(known: ReadonlyMap<string, Json>): NamespaceLookup {
  const synthesized = new Map<string, Json>();
  return (name) => {
    const given = known.get(name);
    if (given !== undefined) return given;
    let ns = synthesized.get(name);
    if (ns === undefined) {
      ns = {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name, labels: { [NAMESPACE_NAME_LABEL]: name } },
      };
      if (synthesized.size >= MAX_SYNTHESIZED) synthesized.clear();
      synthesized.set(name, ns);
    }
    return ns;
  };
}
