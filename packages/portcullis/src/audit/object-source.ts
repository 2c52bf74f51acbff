import type { JsonObject } from "@portcullis/constraint";

/** A kind of object a source can list. */
export interface ObjectKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** One page of a listing; `continue` is set when more pages follow. */
export interface ObjectPage {
  readonly objects: readonly JsonObject[];
  readonly continue?: string;
}

/** Something wrong with part of a source (a file that could not be read), reported by the audit. */
export interface SourceProblem {
  readonly file?: string;
  readonly message: string;
}

/**
 * Where audited objects come from: listed by kind, in pages (Gatekeeper's `--audit-chunk-size`
 * LIST chunks). The folder source is embedded; a Kubernetes source implements the same interface.
 */
export interface ObjectSource {
  /** The kinds to audit; called once at the start of each audit (a source may refresh here). */
  kinds(): Promise<readonly ObjectKind[]>;
  /** One page of objects of `kind`, at most `limit`, from the `continue` token of the previous page. */
  list(
    kind: ObjectKind,
    options: { readonly limit: number; readonly continue?: string },
  ): Promise<ObjectPage>;
  /** Problems found by the last {@link kinds} call. */
  problems(): readonly SourceProblem[];
}

/** Gatekeeper's `--audit-chunk-size` default. */
export const DEFAULT_CHUNK_SIZE = 500;

/** `group/version/kind` of a kind, for keys and messages. */
export function kindKey(k: ObjectKind): string {
  return `${k.group}/${k.version}/${k.kind}`;
}
