import type { JsonObject } from "./driver.js";
import {
  ExpansionError,
  type ExpansionTemplate,
  expandObject,
  expandsKind,
  type GroupVersionKind,
  parseExpansionTemplate,
  type Resultant,
  templatesInCycles,
} from "./expansion.js";

/** Gatekeeper's bound on expanding what was generated (a safeguard: cycles are refused). */
const MAX_DEPTH = 30;

/** What expanding an object that no template applies to gives. */
export const NO_RESULTANTS: readonly Resultant[] = Object.freeze([]);

/**
 * The ExpansionTemplates in force (Gatekeeper's expansion system): by name, with those that form a
 * cycle left out of expansion while the cycle lasts.
 */
export class ExpansionSystem {
  private readonly byName = new Map<string, ExpansionTemplate>();
  private inCycles: ReadonlySet<string> = new Set();

  /** How many templates it holds. */
  get size(): number {
    return this.byName.size;
  }

  /**
   * Adds (or replaces, by name) a template. Throws ExpansionError for one Gatekeeper refuses, and
   * (`expansion_cycle`) for one that closes a cycle: that one is kept, but it and the others in
   * the cycle expand nothing until the cycle is broken, as in Gatekeeper.
   */
  add(doc: unknown): ExpansionTemplate {
    const t = parseExpansionTemplate(doc);
    this.byName.set(t.name, t);
    this.inCycles = templatesInCycles(this.byName.values());
    if (this.inCycles.has(t.name))
      throw new ExpansionError("expansion_cycle", "template forms expansion cycle");
    return t;
  }

  /** Removes a template by name. */
  remove(name: string): boolean {
    const removed = this.byName.delete(name);
    if (removed) this.inCycles = templatesInCycles(this.byName.values());
    return removed;
  }

  /** All templates, in the order they were first added. */
  templates(): ExpansionTemplate[] {
    return [...this.byName.values()];
  }

  /**
   * What the templates that apply to an object of `kind` generate from it, and from what they
   * generate in turn: each object's own after theirs, as Gatekeeper orders them. Throws
   * ExpansionError, worded as Gatekeeper's webhook words it.
   */
  expand(object: JsonObject, kind: GroupVersionKind, namespace: string): readonly Resultant[] {
    if (this.byName.size === 0) return NO_RESULTANTS;
    const out: Resultant[] = [];
    try {
      this.expandInto(object, kind, namespace, out, 0);
    } catch (e: unknown) {
      if (e instanceof ExpansionError)
        throw new ExpansionError(e.code, `unable to expand object: ${e.message}`);
      throw e;
    }
    return out.length === 0 ? NO_RESULTANTS : out;
  }

  private expandInto(
    object: JsonObject,
    kind: GroupVersionKind,
    namespace: string,
    out: Resultant[],
    depth: number,
  ): void {
    if (depth >= MAX_DEPTH)
      throw new ExpansionError("expansion_failed", `maximum recursion depth of ${MAX_DEPTH} reached`);
    const level: Resultant[] = [];
    for (const t of this.byName.values())
      if (!this.inCycles.has(t.name) && expandsKind(t, kind)) level.push(expandObject(t, object, namespace));
    for (const r of level) this.expandInto(r.object, r.kind, namespace, out, depth + 1);
    out.push(...level);
  }
}
