/**
 * What drivers derive from one review and share among its templates (the Rego `input.review`
 * document, the CEL root bindings), kept on the review itself so that it lives and dies with it.
 *
 * Not in a WeakMap keyed by the review: V8's young-generation collector handles a weak table whose
 * keys are young at a cost that grows with the table, and one whose values reach their keys (a
 * document wraps its review) keeps every such review alive until it is promoted. With a WeakMap
 * per driver, each scavenge of the webhook took 4–8 ms and promoted every review since the one
 * before.
 */

/** One kind of value kept per review: `make` derives it from `A` (the review, as drivers have it). */
export class MemoKey<T, A> {
  constructor(
    /** What the values are, for debugging. */
    readonly name: string,
    readonly make: (from: A) => T,
  ) {}
}

/** The values derived from one review, each made on first use. */
export class ReviewMemo {
  private readonly values = new Map<MemoKey<unknown, never>, unknown>();

  /** The value of `key` for this review, made from `from` the first time it is asked for. */
  get<T, A>(key: MemoKey<T, A>, from: A): T {
    const kept = this.values.get(key);
    if (kept !== undefined || this.values.has(key)) return kept as T;
    const v = key.make(from);
    this.values.set(key, v);
    return v;
  }
}
