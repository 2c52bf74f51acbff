import {
  isArray,
  isObject,
  ObjectBuilder,
  objectEntries,
  objectGet,
  RegoSet,
  type Value,
  valuesEqual,
} from "../../value/value.js";
import { OperandTypeError } from "../errors.js";
import { parsePath } from "./paths.js";

/**
 * RFC 6902 JSON Patch as OPA's `json.patch` applies it (through its edit tree): paths may be
 * strings or segment arrays, sets are addressed by their members, and any failure makes the
 * whole patch fail.
 */

class PatchFailure extends Error {}

const OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);

function fail(message: string): never {
  throw new PatchFailure(message);
}

/** OPA's `toIndex`: an array index from a number or a decimal string (`-` is the end). */
function toIndex(length: number, seg: Value): number {
  if (typeof seg === "number" && Number.isInteger(seg)) return seg;
  if (typeof seg === "string") {
    if (seg === "-") return length;
    if (!/^[+-]?[0-9]+$/.test(seg)) fail("invalid string for indexing");
    if (seg !== "0" && seg.startsWith("0")) fail("leading zeros are not allowed in JSON paths");
    const n = Number(seg);
    if (!Number.isSafeInteger(n)) fail("invalid string for indexing");
    return n;
  }
  return fail("invalid type for indexing");
}

function child(doc: Value, seg: Value): Value {
  if (isArray(doc)) {
    const i = toIndex(doc.length, seg);
    if (i < 0 || i >= doc.length) fail("path does not exist");
    return doc[i] as Value;
  }
  if (doc instanceof RegoSet) {
    const m = doc.find(seg);
    return m === undefined ? fail("path does not exist") : m;
  }
  if (isObject(doc)) {
    const v = objectGet(doc, seg);
    return v === undefined ? fail("path does not exist") : v;
  }
  return fail("expected composite type");
}

function withObject(o: Value, edit: (b: ObjectBuilder, keys: readonly Value[]) => void): Value {
  const b = new ObjectBuilder();
  const entries = isObject(o) ? objectEntries(o) : [];
  for (const [k, v] of entries) b.set(k, v);
  edit(
    b,
    entries.map((e) => e[0]),
  );
  return b.build();
}

function withoutKey(o: Value, key: Value): Value {
  const b = new ObjectBuilder();
  if (isObject(o)) for (const [k, v] of objectEntries(o)) if (!valuesEqual(k, key)) b.set(k, v);
  return b.build();
}

/** Rebuilds `doc` with the value at `path` replaced by `f(old)`. */
function update(doc: Value, path: readonly Value[], f: (parent: Value) => Value): Value {
  if (path.length === 0) return f(doc);
  const seg = path[0] as Value;
  const next = update(child(doc, seg), path.slice(1), f);
  if (isArray(doc)) {
    const out = [...doc];
    out[toIndex(doc.length, seg)] = next;
    return out;
  }
  if (doc instanceof RegoSet) {
    const out = new RegoSet(doc.values().filter((m) => !valuesEqual(m, seg)));
    out.add(next);
    return out;
  }
  return withObject(doc, (b) => b.set(seg, next));
}

function insert(doc: Value | undefined, path: readonly Value[], value: Value): Value {
  if (path.length === 0) return value;
  if (doc === undefined) return fail("deleted node encountered");
  const key = path[path.length - 1] as Value;
  return update(doc, path.slice(0, -1), (parent) => {
    if (isArray(parent)) {
      const i = toIndex(parent.length, key);
      if (i < 0 || i > parent.length) fail("index for array insertion out of bounds");
      return [...parent.slice(0, i), value, ...parent.slice(i)];
    }
    if (parent instanceof RegoSet) {
      if (!valuesEqual(key, value)) fail("set key does not equal value to be inserted");
      const out = new RegoSet(parent.values().filter((m) => !valuesEqual(m, key)));
      out.add(value);
      return out;
    }
    if (isObject(parent)) return withObject(parent, (b) => b.set(key, value));
    return fail("expected composite type");
  });
}

function remove(doc: Value | undefined, path: readonly Value[]): Value | undefined {
  if (doc === undefined) return fail("deleted node encountered");
  if (path.length === 0) return undefined;
  const key = path[path.length - 1] as Value;
  return update(doc, path.slice(0, -1), (parent) => {
    if (isArray(parent)) {
      const i = toIndex(parent.length, key);
      if (i < 0 || i > parent.length - 1) fail("index for array delete out of bounds");
      return [...parent.slice(0, i), ...parent.slice(i + 1)];
    }
    if (parent instanceof RegoSet) {
      if (!parent.has(key)) fail("cannot delete child key that does not exist");
      return new RegoSet(parent.values().filter((m) => !valuesEqual(m, key)));
    }
    if (isObject(parent)) {
      if (objectGet(parent, key) === undefined) fail("cannot delete child key that does not exist");
      return withoutKey(parent, key);
    }
    return fail("expected composite type");
  });
}

function get(doc: Value | undefined, path: readonly Value[]): Value {
  if (doc === undefined) return fail("deleted node encountered");
  let cur = doc;
  for (const seg of path) cur = child(cur, seg);
  return cur;
}

function attribute(op: Value, name: string): Value {
  const v = isObject(op) ? objectGet(op, name) : undefined;
  return v === undefined ? fail(`missing '${name}' attribute`) : v;
}

function applyOne(doc: Value | undefined, op: Value): Value | undefined {
  if (!isObject(op))
    fail("must be an array of JSON-Patch objects, but at least one element is not an object");
  const name = attribute(op, "op");
  if (typeof name !== "string") fail("attribute 'op' must be a string");
  if (!OPS.has(name)) fail(`unrecognized op '${name}'`);
  const path = parsePath(attribute(op, "path"));
  switch (name) {
    case "add":
      return insert(doc, path, attribute(op, "value"));
    case "remove":
      return remove(doc, path);
    case "replace": {
      const value = attribute(op, "value");
      return insert(remove(doc, path), path, value);
    }
    case "move": {
      const from = parsePath(attribute(op, "from"));
      const chunk = get(doc, from);
      return insert(remove(doc, from), path, chunk);
    }
    case "copy": {
      const from = parsePath(attribute(op, "from"));
      return insert(doc, path, get(doc, from));
    }
    default: {
      const value = attribute(op, "value");
      if (!valuesEqual(get(doc, path), value)) fail("value from EditTree != patch value");
      return doc;
    }
  }
}

/** Applies the patches in order; undefined when any of them fails. */
export function applyPatches(doc: Value, ops: readonly Value[]): Value | undefined {
  let cur: Value | undefined = doc;
  try {
    for (const op of ops) cur = applyOne(cur, op);
  } catch (e: unknown) {
    if (e instanceof PatchFailure || e instanceof OperandTypeError) return undefined;
    throw e;
  }
  return cur;
}
