import { RegoEvalError } from "../errors.js";
import type { Location } from "../location.js";
import {
  canonicalKey,
  isObject,
  ObjectBuilder,
  objectEntries,
  RegoSet,
  type Value,
  valuesEqual,
} from "../value/value.js";

/** Accumulates what partial rules produce: nested objects by key, sets at the leaves of multi rules. */
export class PartialDoc {
  private readonly root = new Map<
    string,
    { key: Value; node: PartialDoc | undefined; value: Value | undefined; set: RegoSet | undefined }
  >();
  private readonly set = new RegoSet();

  put(keys: Value[], v: Value, multi: boolean, loc: Location | undefined): void {
    if (keys.length === 0) {
      if (multi) this.set.add(v);
      return;
    }
    const [head, ...rest] = keys as [Value, ...Value[]];
    const ck = canonicalKey(head);
    let e = this.root.get(ck);
    if (e === undefined) {
      e = { key: head, node: undefined, value: undefined, set: undefined };
      this.root.set(ck, e);
    }
    if (rest.length === 0 && !multi) {
      if (e.value !== undefined && !valuesEqual(e.value, v)) {
        throw new RegoEvalError("eval_conflict_error", "object keys must be unique", loc);
      }
      e.value = v;
      return;
    }
    if (rest.length === 0 && multi) {
      if (e.set === undefined) e.set = new RegoSet();
      e.set.add(v);
      return;
    }
    if (e.node === undefined) e.node = new PartialDoc();
    e.node.put(rest, v, multi, loc);
  }

  value(multi: boolean): Value {
    if (multi && this.root.size === 0) return this.set;
    const b = new ObjectBuilder();
    for (const e of this.root.values()) {
      let v: Value | undefined = e.value ?? e.set;
      if (e.node !== undefined) {
        const nested = e.node.value(false);
        v = v !== undefined && isObject(v) && isObject(nested) ? mergeObjects(v, nested) : nested;
      }
      if (v !== undefined) b.set(e.key, v);
    }
    return b.build();
  }
}

function mergeObjects(a: Value, b: Value): Value {
  const out = new ObjectBuilder();
  if (isObject(a)) for (const [k, v] of objectEntries(a)) out.set(k, v);
  if (isObject(b)) for (const [k, v] of objectEntries(b)) out.set(k, v);
  return out.build();
}
