/**
 * The error values compiled expressions produce, worded as @bufbuild/cel words them (error-text.ts
 * turns them into cel-go's wording for users).
 */
import { type CelError, type CelValue, celType, celError as makeCelError } from "@bufbuild/cel";

/**
 * A CEL error value for `message`. Errors are values here, often absorbed by `||` and `&&`; their
 * JavaScript stack traces are never used, so they are not captured (on engines that capture one,
 * through `Error.stackTraceLimit`), which makes them several times cheaper to create.
 */
export function celError(message: unknown): CelError {
  const limit: unknown = Reflect.get(Error, "stackTraceLimit");
  if (typeof limit !== "number") return makeCelError(message);
  Reflect.set(Error, "stackTraceLimit", 0);
  try {
    return makeCelError(message);
  } finally {
    Reflect.set(Error, "stackTraceLimit", limit);
  }
}

/** A function with no overload for the argument types: `found no matching overload for …`. */
export function noOverload(name: string, target: CelValue | undefined, args: readonly CelValue[]): CelError {
  const on = target === undefined ? "" : `${String(celType(target))}.`;
  const types = args.map((a) => celType(a).name).join(", ");
  return celError(`found no matching overload for '${name}' applied to '${on}(${types})'`);
}

/** A name with no binding in the activation. */
export function unresolvedAttribute(): CelError {
  return celError("unresolved attribute");
}

/** A missing map key or message field (cel-go's `no such key`). */
export function fieldNotFound(name: string | boolean): CelError {
  return celError(`field not found: ${String(name)}`);
}

/** A missing list index or non-string map key. */
export function indexOutOfBounds(index: number): CelError {
  return celError(`index ${index} out of bounds [0, -1)`);
}

/** An index or map key of a type that cannot be one. */
export function unsupportedKeyType(): CelError {
  return celError("unsupported key type");
}

/** A list index that is a double with a fraction. */
export function unsupportedIndex(index: number): CelError {
  return celError(`unsupported index value: ${index}`);
}

/** A non-bool operand of `&&` or `||`. */
export function notBool(v: CelValue): CelError {
  return celError(`type mismatch: expected bool, got ${String(celType(v))}`);
}

/** A non-bool condition of `_?_:_`. */
export function conditionNotBool(v: CelValue): CelError {
  return celError(`found no matching overload for _?_:_ applied to '(${celType(v).name})'`);
}

/** A comprehension range that is neither a list nor a map. */
export function notIterable(v: CelValue): CelError {
  return celError(`type mismatch: iterable vs ${String(celType(v))}`);
}

/** Signed integer overflow in `op`. */
export function intOverflow(op: string): CelError {
  return celError(`int overflow during ${op}`);
}
