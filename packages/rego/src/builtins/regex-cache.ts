/** A small least-recently-used cache for compiled patterns (regexes, globs), keyed by source. */
export class PatternCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit: number) {}

  /** The cached value for `key`, compiling (and caching) it on a miss. Compile errors are not cached. */
  get(key: string, compile: (key: string) => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      if (this.entries.size > 1) {
        this.entries.delete(key);
        this.entries.set(key, hit);
      }
      return hit;
    }
    const value = compile(key);
    if (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
    return value;
  }
}
