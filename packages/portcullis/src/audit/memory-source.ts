import type { JsonObject } from "@portcullis/constraint";
import { type ByKind, groupByKind, pageOf } from "./kind-index.js";
import type { ObjectKind, ObjectPage, ObjectSource, SourceProblem } from "./object-source.js";

/** A source over objects held in memory (tests, benchmarks, embedding); {@link replace} swaps them. */
export class MemorySource implements ObjectSource {
  private byKind: ByKind;

  constructor(objects: Iterable<JsonObject>) {
    this.byKind = groupByKind(objects);
  }

  /** Replaces the objects; the next audit sees the new ones. */
  replace(objects: Iterable<JsonObject>): void {
    this.byKind = groupByKind(objects);
  }

  async kinds(): Promise<readonly ObjectKind[]> {
    return [...this.byKind.values()].map((e) => e.kind);
  }

  async list(
    kind: ObjectKind,
    options: { readonly limit: number; readonly continue?: string },
  ): Promise<ObjectPage> {
    return pageOf(this.byKind, kind, options);
  }

  problems(): readonly SourceProblem[] {
    return [];
  }
}
