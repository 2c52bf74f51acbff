import { RegoEvalError } from "../errors.js";
import type { Location } from "../location.js";
import { RegoSet, type Value, valuesEqual } from "../value/value.js";
import { type Cached, NONE } from "./eval-types.js";

/**
 * Receives the values a compiled body yields (see `bodyInto`): members of a comprehension or a
 * partial set, or the value of a complete rule or function. `add` returns true to stop the body.
 */
export interface Sink {
  add(v: Value): boolean;
}

/** Collects an array comprehension's values in order. */
export class ArraySink implements Sink {
  readonly out: Value[] = [];

  add(v: Value): boolean {
    this.out.push(v);
    return false;
  }
}

/** Collects a set (a set comprehension or a partial set rule). */
export class SetSink implements Sink {
  constructor(readonly out: RegoSet = new RegoSet()) {}

  add(v: Value): boolean {
    this.out.add(v);
    return false;
  }
}

/**
 * The single value of a complete rule or function body: a second, different value is
 * `eval_conflict_error`. A constant value stops at the first solution (OPA's early exit).
 */
export class SingleValueSink implements Sink {
  constructor(
    public value: Cached,
    private readonly conflict: string,
    private readonly loc: Location,
    private readonly stopAtFirst: boolean,
  ) {}

  add(v: Value): boolean {
    if (this.value !== NONE && !valuesEqual(this.value, v))
      throw new RegoEvalError("eval_conflict_error", this.conflict, this.loc);
    this.value = v;
    return this.stopAtFirst;
  }
}

/** A sink that takes nothing: what the host holds outside any collecting body. */
export const NO_SINK: Sink = { add: () => false };
