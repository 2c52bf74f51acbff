import {
  type ArrayValue,
  compareValues,
  isObject,
  type ObjectValue,
  objectGet,
  RegoObject,
  RegoSet,
  type Value,
  valuesEqual,
} from "../value/value.js";
import { OperandTypeError } from "./errors.js";

/** OPA's bare operand error for object.subset: its message has no `operand N` prefix. */
class SubsetOperandError extends OperandTypeError {
  constructor() {
    super(1, "");
    this.message = "both arguments object.subset must be of the same type or array and set";
  }
}

/** Calls `fn` for each entry of an object until it returns false; false if it stopped early. */
export function everyEntry(o: ObjectValue, fn: (k: Value, v: Value) => boolean): boolean {
  if (o instanceof RegoObject) {
    for (const [k, v] of o.entries()) if (!fn(k, v)) return false;
    return true;
  }
  for (const k of Object.keys(o)) if (!fn(k, o[k] as Value)) return false;
  return true;
}

/** Every key of `sub` is in `sup` with an equal value, or a value that is recursively a subset. */
function objectSubset(sup: ObjectValue, sub: ObjectValue): boolean {
  return everyEntry(sub, (k, subValue) => {
    const supValue = objectGet(sup, k);
    if (supValue === undefined) return false;
    if (valuesEqual(subValue, supValue)) return true;
    if (isObject(supValue) && isObject(subValue)) return objectSubset(supValue, subValue);
    if (supValue instanceof RegoSet && subValue instanceof RegoSet) return setSubset(supValue, subValue);
    if (Array.isArray(supValue) && Array.isArray(subValue)) return arraySubset(supValue, subValue);
    return false;
  });
}

function setSubset(sup: RegoSet, sub: RegoSet): boolean {
  for (const v of sub.unordered()) if (!sup.has(v)) return false;
  return true;
}

/** `sub` occurs contiguously in `sup`. */
function arraySubset(sup: ArrayValue, sub: ArrayValue): boolean {
  if (sub.length > sup.length) return false;
  for (let start = 0; start + sub.length <= sup.length; start++) {
    let i = 0;
    while (i < sub.length && compareValues(sup[start + i] as Value, sub[i] as Value) === 0) i++;
    if (i === sub.length) return true;
  }
  return false;
}

/**
 * OPA counts the elements of `sup` found in `sub` (duplicates count again) and stops once the count
 * reaches the size of `sub`; an empty `sup` is never a superset, not even of the empty set.
 */
function arraySetSubset(sup: ArrayValue, sub: RegoSet): boolean {
  let unmatched = sub.size;
  for (const v of sup) {
    if (sub.has(v)) unmatched--;
    if (unmatched <= 0) return true;
  }
  return false;
}

/** object.subset(super, sub) with OPA's semantics for objects, sets, arrays, and array ⊇ set. */
export function subset(sup: Value, sub: Value): boolean {
  if (isObject(sup) && isObject(sub)) return objectSubset(sup, sub);
  if (sup instanceof RegoSet && sub instanceof RegoSet) return setSubset(sup, sub);
  if (Array.isArray(sup) && Array.isArray(sub)) return arraySubset(sup as ArrayValue, sub as ArrayValue);
  if (Array.isArray(sup) && sub instanceof RegoSet) return arraySetSubset(sup as ArrayValue, sub);
  throw new SubsetOperandError();
}
