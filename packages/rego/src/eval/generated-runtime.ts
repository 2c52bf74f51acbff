import { RegoEvalError } from "../errors.js";
import type { Location } from "../location.js";
import {
  compareValues,
  isPlainObject,
  ObjectBuilder,
  objectEntries,
  RegoObject,
  RegoSet,
  sortedKeys,
  type Value,
  valuesEqual,
} from "../value/value.js";
import { COMPLEX, FUNCTION_CONFLICT } from "./eval-types.js";
import { lookup } from "./lookup.js";

const NO_VALUES: readonly Value[] = [];

/** The keys a collection iterates over, in OPA's order (set members are their own keys). */
function keysOf(c: Value): readonly Value[] {
  if (c instanceof RegoSet) return c.values();
  if (isPlainObject(c)) return sortedKeys(c);
  if (c instanceof RegoObject) return objectEntries(c).map((e) => e[0]);
  return NO_VALUES;
}

/** The members of a collection that is not an array, in the order of {@link keysOf}. */
function valuesOf(c: Value, keys: readonly Value[]): readonly Value[] {
  if (c instanceof RegoSet) return keys;
  if (isPlainObject(c)) return keys.map((k) => c[k as string] as Value);
  if (c instanceof RegoObject) return objectEntries(c).map((e) => e[1]);
  return NO_VALUES;
}

/** An object from alternating keys and values (a later equal key replaces an earlier one). */
function objectOf(kv: readonly Value[]): Value {
  const b = new ObjectBuilder();
  for (let i = 0; i < kv.length; i += 2) b.set(kv[i] as Value, kv[i + 1] as Value);
  return b.build();
}

/** A set of the given members. */
function setOf(items: readonly Value[]): Value {
  return new RegoSet(items);
}

/** Raises the conflict of two definitions of an inlined function (the one at `loc` gave another value). */
function conflict(loc: Location): never {
  throw new RegoEvalError("eval_conflict_error", FUNCTION_CONFLICT, loc);
}

/**
 * What generated bodies call besides their host: the value layer's lookups, comparisons and
 * builders. Passed to each generated function as `X`.
 */
export const GENERATED_RUNTIME = {
  lookup,
  valuesEqual,
  compareValues,
  keysOf,
  valuesOf,
  objectOf,
  setOf,
  conflict,
  COMPLEX,
} as const;

/** The type of {@link GENERATED_RUNTIME}. */
export type GeneratedRuntime = typeof GENERATED_RUNTIME;
