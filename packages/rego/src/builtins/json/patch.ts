import {
  type ArrayValue,
  isArray,
  isObject,
  ObjectBuilder,
  type ObjectValue,
  objectEntries,
  objectGet,
  type PlainObject,
  RegoObject,
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

/**
 * The containers one `json.patch` call has made. Nothing else holds them until the call returns,
 * so later operations change them in place; a container it has not made (the input's, a patch
 * value, a set member) is copied first. Copying every container on an operation's path made a
 * patch quadratic in its operations: 5,000 adds to one object took 8 s.
 */
class Workspace {
  private readonly made = new WeakSet<object>();

  /** `doc` with the value at `path[at…]` replaced by `f(old)`. */
  update(doc: Value, path: readonly Value[], at: number, f: (old: Value) => Value): Value {
    if (at === path.length) return f(doc);
    const seg = path[at] as Value;
    if (doc instanceof RegoSet) {
      // A set finds a member by its value, so no member is changed in place: it is copied first.
      const member = child(doc, seg);
      this.share(member);
      return withMember(doc, seg, this.update(member, path, at + 1, f));
    }
    const next = this.update(child(doc, seg), path, at + 1, f);
    if (isArray(doc)) {
      const out = this.ownArray(doc);
      out[toIndex(doc.length, seg)] = next;
      return out;
    }
    return isObject(doc) ? this.setKey(doc, seg, next) : fail("expected composite type");
  }

  insert(doc: Value | undefined, path: readonly Value[], value: Value): Value {
    if (path.length === 0) return value;
    if (doc === undefined) return fail("deleted node encountered");
    const key = path[path.length - 1] as Value;
    return this.update(doc, path.slice(0, -1), 0, (parent) => {
      if (isArray(parent)) {
        const i = toIndex(parent.length, key);
        if (i < 0 || i > parent.length) fail("index for array insertion out of bounds");
        const out = this.ownArray(parent);
        out.splice(i, 0, value);
        return out;
      }
      if (parent instanceof RegoSet) {
        if (!valuesEqual(key, value)) fail("set key does not equal value to be inserted");
        return withMember(parent, key, value);
      }
      if (isObject(parent)) return this.setKey(parent, key, value);
      return fail("expected composite type");
    });
  }

  remove(doc: Value | undefined, path: readonly Value[]): Value | undefined {
    if (doc === undefined) return fail("deleted node encountered");
    if (path.length === 0) return undefined;
    const key = path[path.length - 1] as Value;
    return this.update(doc, path.slice(0, -1), 0, (parent) => {
      if (isArray(parent)) {
        const i = toIndex(parent.length, key);
        if (i < 0 || i > parent.length - 1) fail("index for array delete out of bounds");
        const out = this.ownArray(parent);
        out.splice(i, 1);
        return out;
      }
      if (parent instanceof RegoSet) {
        if (!parent.has(key)) fail("cannot delete child key that does not exist");
        return new RegoSet(parent.values().filter((m) => !valuesEqual(m, key)));
      }
      if (isObject(parent)) {
        if (objectGet(parent, key) === undefined) fail("cannot delete child key that does not exist");
        return this.deleteKey(parent, key);
      }
      return fail("expected composite type");
    });
  }

  /**
   * Makes `v` shared again: after `copy` it is held in two places, so neither may change it in
   * place. What it holds was made here only if it was (a made container's parent is made).
   */
  share(v: Value): void {
    if (v === null || typeof v !== "object" || !this.made.delete(v)) return;
    if (isArray(v)) for (const x of v) this.share(x);
    else if (v instanceof RegoObject) for (const [, x] of v.entries()) this.share(x);
    else if (!(v instanceof RegoSet)) for (const k of Object.keys(v)) this.share(v[k] as Value);
  }

  private ownArray(a: ArrayValue): Value[] {
    if (this.isMadeArray(a)) return a;
    const out = [...a];
    this.made.add(out);
    return out;
  }

  private isMadeArray(a: ArrayValue): a is Value[] {
    return this.made.has(a);
  }

  private isMadePlain(o: ObjectValue): o is Record<string, Value> {
    return !(o instanceof RegoObject) && this.made.has(o);
  }

  private setKey(o: ObjectValue, key: Value, value: Value): ObjectValue {
    if (typeof key === "string" && !(o instanceof RegoObject)) {
      const out: Record<string, Value> = this.isMadePlain(o) ? o : this.copyPlain(o);
      defineKey(out, key, value);
      return out;
    }
    // A key that is not a string, or an object holding one: rebuilt (rare).
    const b = new ObjectBuilder();
    for (const [k, v] of objectEntries(o)) b.set(k, v);
    b.set(key, value);
    return b.build();
  }

  private deleteKey(o: ObjectValue, key: Value): ObjectValue {
    if (typeof key === "string" && !(o instanceof RegoObject)) {
      const out: Record<string, Value> = this.isMadePlain(o) ? o : this.copyPlain(o);
      delete out[key];
      return out;
    }
    const b = new ObjectBuilder();
    for (const [k, v] of objectEntries(o)) if (!valuesEqual(k, key)) b.set(k, v);
    return b.build();
  }

  private copyPlain(o: PlainObject): Record<string, Value> {
    const out: Record<string, Value> = {};
    for (const k of Object.keys(o)) defineKey(out, k, o[k] as Value);
    this.made.add(out);
    return out;
  }
}

/** Sets a key as a plain data property (`__proto__` included). */
function defineKey(o: Record<string, Value>, key: string, value: Value): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A copy of set `s` with member `old` replaced by `next`. */
function withMember(s: RegoSet, old: Value, next: Value): RegoSet {
  const out = new RegoSet(s.values().filter((m) => !valuesEqual(m, old)));
  out.add(next);
  return out;
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

function applyOne(ws: Workspace, doc: Value | undefined, op: Value): Value | undefined {
  if (!isObject(op))
    fail("must be an array of JSON-Patch objects, but at least one element is not an object");
  const name = attribute(op, "op");
  if (typeof name !== "string") fail("attribute 'op' must be a string");
  if (!OPS.has(name)) fail(`unrecognized op '${name}'`);
  const path = parsePath(attribute(op, "path"));
  switch (name) {
    case "add":
      return ws.insert(doc, path, attribute(op, "value"));
    case "remove":
      return ws.remove(doc, path);
    case "replace": {
      const value = attribute(op, "value");
      return ws.insert(ws.remove(doc, path), path, value);
    }
    case "move": {
      const from = parsePath(attribute(op, "from"));
      const chunk = get(doc, from);
      return ws.insert(ws.remove(doc, from), path, chunk);
    }
    case "copy": {
      const from = parsePath(attribute(op, "from"));
      const chunk = get(doc, from);
      ws.share(chunk);
      return ws.insert(doc, path, chunk);
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
  const ws = new Workspace();
  try {
    for (const op of ops) cur = applyOne(ws, cur, op);
  } catch (e: unknown) {
    if (e instanceof PatchFailure || e instanceof OperandTypeError) return undefined;
    throw e;
  }
  return cur;
}
