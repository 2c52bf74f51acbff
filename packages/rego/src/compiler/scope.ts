/** Frame slots of one rule or query: every local gets an index into the evaluation frame. */
export class SlotAllocator {
  readonly names: string[] = [];

  allocate(name: string): number {
    this.names.push(name);
    return this.names.length - 1;
  }

  get count(): number {
    return this.names.length;
  }
}

/** How a local came to be: declared (`:=`, `some`, arguments) or introduced by unification. */
export type LocalOrigin = "declared" | "unified";

/**
 * The variables visible in one body. Lookups walk outward, so comprehension and `every` bodies see
 * the variables of the bodies around them (closures), unless they declare their own.
 */
export class BodyScope {
  private readonly locals = new Map<string, { slot: number; origin: LocalOrigin }>();
  /** Names this body declares with `:=` or `some` further on. */
  readonly pending = new Set<string>();

  constructor(
    readonly slots: SlotAllocator,
    readonly parent: BodyScope | undefined,
  ) {}

  /** The slot of `name` in this scope or an enclosing one. */
  lookup(name: string): number | undefined {
    return this.locals.get(name)?.slot ?? this.parent?.lookup(name);
  }

  /** The slot of `name` in this scope only. */
  lookupOwn(name: string): { slot: number; origin: LocalOrigin } | undefined {
    return this.locals.get(name);
  }

  /** Adds a local to this scope (shadowing enclosing ones). */
  declare(name: string, origin: LocalOrigin): number {
    const slot = this.slots.allocate(name);
    this.locals.set(name, { slot, origin });
    return slot;
  }

  /** Marks an existing local as declared (after its `:=`). */
  markDeclared(name: string): void {
    const e = this.locals.get(name);
    if (e) e.origin = "declared";
  }
}
