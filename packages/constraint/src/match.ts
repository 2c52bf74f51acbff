import { arrayAt, isObject, stringAt, stringItems } from "./json-util.js";
import { compileLabelSelector } from "./label-selector.js";
import type { MatchObject, MatchTarget } from "./match-target.js";
import {
  compileGenerateNameWildcard,
  compileWildcard,
  compileWildcardList,
  type WildcardPredicate,
} from "./wildcard.js";

/** Matching could not decide (e.g. the Namespace of a namespaced object is unknown); Gatekeeper autorejects. */
export class MatchError extends Error {
  readonly code = "match_error";

  constructor(message: string) {
    super(message);
    this.name = "MatchError";
  }
}

/** A constraint's `spec.match`, compiled: true when the object or the oldObject matches. Throws {@link MatchError}. */
export type Matcher = (target: MatchTarget) => boolean;

type ObjectTest = (obj: MatchObject, target: MatchTarget) => boolean;

const SOURCES: ReadonlySet<string> = new Set(["All", "Original", "Generated"]);

/**
 * Compiles `spec.match` (b4) once. The tests run in Gatekeeper's order — kinds, scope,
 * namespaces, excludedNamespaces, labelSelector, namespaceSelector, name, source — and all must
 * pass. The constraint applies when the object or the oldObject matches; with neither, it is an error.
 */
export function compileMatch(match: unknown): Matcher {
  const tests: ObjectTest[] = [];
  if (isObject(match)) {
    const kinds = kindsTest(arrayAt(match, "kinds"));
    if (kinds) tests.push(kinds);
    const scope = stringAt(match, "scope");
    if (scope === "Cluster") tests.push((o, t) => o.isNamespace || !hasNamespace(o, t));
    else if (scope === "Namespaced") tests.push((o, t) => !o.isNamespace && hasNamespace(o, t));
    const namespaces = stringItems(match.namespaces);
    if (namespaces.length > 0) {
      const inListed = compileWildcardList(namespaces);
      tests.push((o, t) => {
        const ns = namespaceOf(o, t);
        return ns === undefined || inListed(ns);
      });
    }
    const excluded = stringItems(match.excludedNamespaces);
    if (excluded.length > 0) {
      const inExcluded = compileWildcardList(excluded);
      tests.push((o, t) => {
        const ns = namespaceOf(o, t);
        return ns === undefined || !inExcluded(ns);
      });
    }
    if (isObject(match.labelSelector)) {
      const selects = compileLabelSelector(match.labelSelector);
      tests.push((o) => selects(o.meta.labels));
    }
    if (isObject(match.namespaceSelector)) {
      const selects = compileLabelSelector(match.namespaceSelector);
      tests.push((o, t) => {
        if (o.isNamespace) return selects(o.meta.labels);
        const nsMeta = t.namespaceMeta();
        if (nsMeta === undefined && o.meta.namespace === "") return true;
        if (nsMeta === undefined) {
          throw new MatchError(
            `namespace selector for namespace-scoped object but missing Namespace "${t.namespaceName || o.meta.namespace}"`,
          );
        }
        return selects(nsMeta.labels);
      });
    }
    const name = stringAt(match, "name");
    if (name !== undefined && name !== "") {
      const byName: WildcardPredicate = compileWildcard(name);
      const byGenerateName = compileGenerateNameWildcard(name);
      tests.push((o) => byName(o.meta.name) || byGenerateName(o.meta.generateName));
    }
    const source = stringAt(match, "source");
    if (source !== undefined && source !== "") {
      if (!SOURCES.has(source)) {
        tests.push(() => {
          throw new MatchError(`invalid source field "${source}"`);
        });
      } else if (source !== "All") {
        tests.push((o, t) => {
          if (t.source === "") throw new MatchError(`source field not specified for resource ${o.meta.name}`);
          return t.source === source;
        });
      }
    }
  }
  const all = (o: MatchObject, t: MatchTarget): boolean => {
    for (const test of tests) if (!test(o, t)) return false;
    return true;
  };
  return (t) => {
    if (t.object === undefined && t.oldObject === undefined) {
      throw new MatchError("neither object nor old object are defined");
    }
    if (t.object !== undefined && all(t.object, t)) return true;
    return t.oldObject !== undefined && all(t.oldObject, t);
  };
}

function hasNamespace(o: MatchObject, t: MatchTarget): boolean {
  return o.meta.namespace !== "" || t.namespace() !== undefined;
}

/** The namespace a namespaces/excludedNamespaces test looks at; undefined for cluster-scoped objects. */
function namespaceOf(o: MatchObject, t: MatchTarget): string | undefined {
  if (o.isNamespace) return o.meta.name;
  if (t.namespaceName !== "") return t.namespaceName;
  if (o.meta.namespace !== "") return o.meta.namespace;
  return t.namespaceMeta()?.name;
}

function kindsTest(kinds: readonly unknown[] | undefined): ObjectTest | undefined {
  if (kinds === undefined || kinds.length === 0) return undefined;
  const entries = kinds.map((k) => {
    const ks = stringItems(isObject(k) ? k.kinds : undefined);
    const gs = stringItems(isObject(k) ? k.apiGroups : undefined);
    return {
      anyKind: ks.length === 0 || ks.includes("*"),
      kinds: new Set(ks),
      anyGroup: gs.length === 0 || gs.includes("*"),
      groups: new Set(gs),
    };
  });
  return (o) => {
    for (const e of entries) {
      if ((e.anyKind || e.kinds.has(o.kind)) && (e.anyGroup || e.groups.has(o.group))) return true;
    }
    return false;
  };
}
