import type { Value } from "../value/value.js";
import type { Cached } from "./eval-types.js";

/** Results a query keeps per function (beyond, calls just run). */
export const QUERY_ENTRIES = 256;

/** One argument's level: the next level, or (at the last argument) the result. */
type Level = Map<unknown, Level | Cached>;

/**
 * Results of one function within a query, by argument values: a trie of maps, one level per
 * argument. Scalars are keys by value, composites by identity (an equal but distinct object is a
 * miss, never a wrong hit).
 */
export class CallCache {
  // Most functions are called once per query: the first call is kept without building anything.
  private first: Entry | undefined;
  // The next few are compared in turn, which is cheaper than maps while they are few.
  private few: Entry[] | undefined;
  private root: Level | undefined;
  private entries = 0;

  /**
   * `limit`: how many results to keep (Infinity for functions that print, so each argument list
   * shows once). Past it, a cache that `restarts` drops what it has; others stop storing.
   */
  constructor(
    private readonly limit = QUERY_ENTRIES,
    private readonly restarts = false,
  ) {}

  /** The cached result, or undefined on a miss. */
  get(args: readonly Value[]): Cached | undefined {
    const first = this.first;
    if (first !== undefined && sameArguments(first.args, args)) return first.result;
    const few = this.few;
    if (few !== undefined)
      for (let i = 0; i < few.length; i++) {
        const e = few[i] as Entry;
        if (sameArguments(e.args, args)) return e.result;
      }
    if (this.root === undefined) return undefined;
    const n = args.length;
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
    if (this.first === undefined) {
      // Callers reuse their argument arrays: keep a copy.
      this.first = { args: args.slice(), result };
      return;
    }
    const n = args.length;
    if (n === 0) return;
    if (this.entries >= this.limit) {
      if (!this.restarts) return;
      this.root = undefined;
      this.few = undefined;
      this.entries = 0;
    }
    this.entries++;
    this.few ??= [];
    if (this.few.length < FEW) {
      this.few.push({ args: args.slice(), result });
      return;
    }
    this.root ??= new Map();
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

/** A kept call: its arguments (a copy) and result. */
interface Entry {
  readonly args: readonly Value[];
  readonly result: Cached;
}

/** Results compared in turn before the maps take over. */
const FEW = 8;

/** Same arguments: scalars by value, composites by identity. */
function sameArguments(a: readonly Value[], b: readonly Value[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
