import {
  isObject,
  isPlainObject,
  ObjectBuilder,
  objectEntries,
  ownValue,
  type Value,
} from "../value/value.js";

/**
 * Returns a copy of `root` with `path` set to `value`, copying only the objects along the path
 * (for `with input.a.b as v`). Missing or non-object steps become objects.
 */
export function setPath(root: Value | undefined, path: readonly string[], value: Value): Value {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const b = new ObjectBuilder();
  if (root !== undefined && isObject(root)) {
    if (isPlainObject(root)) {
      for (const k of Object.keys(root)) b.set(k, root[k] as Value);
    } else {
      for (const [k, v] of objectEntries(root)) b.set(k, v);
    }
  }
  const child = root !== undefined && isPlainObject(root) ? ownValue(root, head) : undefined;
  b.set(head, setPath(child, rest, value));
  return b.build();
}
