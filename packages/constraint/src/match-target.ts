import type { JsonObject } from "./driver.js";
import { isObject, type ObjectMeta, objectMeta, splitApiVersion, stringAt } from "./json-util.js";

/** What matching needs of one object, read once per review. */
export interface MatchObject {
  readonly group: string;
  readonly kind: string;
  readonly meta: ObjectMeta;
  /** A core `Namespace` object. */
  readonly isNamespace: boolean;
}

/** Where a reviewed object comes from (b4 `source`); "" when not said. */
export type SourceType = "Original" | "Generated" | "";

/** Looks up a Namespace object by name; undefined when unknown. */
export type NamespaceLookup = (name: string) => JsonObject | undefined;

/**
 * An object under review as every constraint's matcher sees it: object and oldObject facts,
 * and the Namespace, resolved lazily (and once) through the caller's lookup.
 */
export class MatchTarget {
  readonly object: MatchObject | undefined;
  readonly oldObject: MatchObject | undefined;
  readonly source: SourceType;
  private nsResolved = false;
  private nsObject: JsonObject | undefined;
  private nsMeta: ObjectMeta | undefined;

  constructor(
    object: unknown,
    oldObject: unknown,
    /** The request's namespace (or the object's). */
    readonly namespaceName: string,
    namespace: JsonObject | null | undefined,
    private readonly lookup: NamespaceLookup | undefined,
    source: SourceType = "",
  ) {
    this.object = toMatchObject(object);
    this.oldObject = toMatchObject(oldObject);
    this.source = source;
    if (namespace !== undefined && namespace !== null) {
      this.nsResolved = true;
      this.nsObject = namespace;
    }
  }

  /** The Namespace object of the review, if supplied or found by the lookup. */
  namespace(): JsonObject | undefined {
    if (!this.nsResolved) {
      this.nsResolved = true;
      if (this.namespaceName !== "" && this.lookup !== undefined)
        this.nsObject = this.lookup(this.namespaceName);
    }
    return this.nsObject;
  }

  /** Metadata of {@link namespace}. */
  namespaceMeta(): ObjectMeta | undefined {
    if (this.nsMeta === undefined) {
      const ns = this.namespace();
      if (ns !== undefined) this.nsMeta = objectMeta(ns);
    }
    return this.nsMeta;
  }
}

function toMatchObject(obj: unknown): MatchObject | undefined {
  if (!isObject(obj)) return undefined;
  const { group } = splitApiVersion(stringAt(obj, "apiVersion") ?? "");
  const kind = stringAt(obj, "kind") ?? "";
  return { group, kind, meta: objectMeta(obj), isNamespace: kind === "Namespace" && group === "" };
}
