import type { Value } from "../value/value.js";
import type { Cached } from "./eval-types.js";

/** Results a query keeps per function (beyond, calls just run). */
const MAX_ENTRIES = 256;

/**
 * Results of one function within a query, by argument values: a trie of maps, one level per
 * argument. Scalars are keys by value, composites by identity (an equal but distinct object is a
 * miss, never a wrong hit).
 */
/** One argument's level: the next level, or (at the last argument) the result. */
type Level = Map<unknown, Level | Cached>;

export class CallCache {
  private readonly root: Level = new Map();
  private noArgs: Cached | undefined;
  private entries = 0;

  /** The cached result, or undefined on a miss. */
  get(args: readonly Value[]): Cached | undefined {
    const n = args.length;
    if (n === 0) return this.noArgs;
    let level: Level = this.root;
    for (let i = 0; i < n - 1; i++) {
      const next = level.get(args[i]);
      if (!(next instanceof Map)) return undefined;
      level = next;
    }
    const hit = level.get(args[n - 1]);
    return hit instanceof Map ? undefined : hit;
  }

  set(args: readonly Value[], result: Cached): void {
    const n = args.length;
    if (n === 0) {
      this.noArgs = result;
      return;
    }
    if (this.entries >= MAX_ENTRIES) return;
    this.entries++;
    let level: Level = this.root;
    for (let i = 0; i < n - 1; i++) {
      let next = level.get(args[i]);
      if (!(next instanceof Map)) {
        next = new Map();
        level.set(args[i], next);
      }
      level = next;
    }
    level.set(args[n - 1], result);
  }
}
